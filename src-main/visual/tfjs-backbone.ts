/**
 * A backbone run with TensorFlow.js (the project's backend, wasm by default): a user's TF.js graph
 * model, or the bundled CenterNet/MobileNetV3 where ONNX Runtime cannot run it (see load-backbone.ts).
 */
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { badRequest } from '../contract/errors.js';
import { initBackend } from '../ml/backend.js';
import type { Backbone } from './backbone.js';
import { batchedEmbed } from './batched-embed.js';
import { framesToInput, type Layout, type PixelScaling } from './preprocess.js';
import { freeInputSize, readGraphModel, type GraphModelFiles } from './tfjs-graph-files.js';

export const INPUT_SIZE = 224;

export interface TfjsBackboneOptions {
  name: string;
  /** model.json or its folder. */
  path: string;
  /** Node read as the embedding; default: the model's first output. */
  outputNode?: string;
  scaling: PixelScaling;
  /** Free a fixed input size declared by a fully convolutional graph (see freeInputSize). */
  freeInput?: boolean;
  /** Frames per inference call, when the graph takes a batch. */
  batch?: number;
}

/** The bundled default: CenterNet's MobileNetV3-Large (×0.75) backbone, last 1×1 conv (480 channels) averaged over the frame. */
export const BUNDLED_BACKBONE = {
  name: 'centernet-mbv3',
  path: fileURLToPath(new URL('../../resources/models/visual-centernet/centernet.json', import.meta.url)),
  outputNode: 'tower_0/extern1/hard_swish/mul_1',
  scaling: 'raw',
  freeInput: true,
} as const satisfies TfjsBackboneOptions;

/** What the embeddings depend on: the weights, the node read and the pixel scaling (not the runtime). */
export function tfjsFingerprint(files: GraphModelFiles, node: string, scaling: PixelScaling): string {
  return `${files.fingerprint}:${node}:${scaling}`;
}

export async function loadTfjsBackbone(options: TfjsBackboneOptions): Promise<Backbone> {
  await initBackend();
  let files = readGraphModel(options.path);
  if (options.freeInput) files = freeInputSize(files);
  const shape = files.input.shape;
  const layout = inputLayout(options.name, shape);
  let model: GraphModel;
  try {
    model = await loadGraphModel(tf.io.fromMemory(files.artifacts));
  } catch (err) {
    throw badRequest(`${options.name} could not be loaded as a TF.js graph model (${(err as Error).message})`);
  }
  const node = options.outputNode ?? model.outputs[0].name;
  const maxBatch = shape[0] === 1 ? 1 : (options.batch ?? 8);
  const spatialAxes = layout === 'NHWC' ? [1, 2] : [2, 3];

  const run = async (frames: Uint8Array, count: number): Promise<Float32Array> => {
    const input = framesToInput(frames, count, INPUT_SIZE, options.scaling, layout);
    const dims = layout === 'NHWC' ? [count, INPUT_SIZE, INPUT_SIZE, 3] : [count, 3, INPUT_SIZE, INPUT_SIZE];
    const out = tf.tidy(() => {
      const y = model.execute(tf.tensor(input, dims), node) as tf.Tensor;
      // A feature map is averaged over space; a vector (a penultimate layer) is taken as it is.
      return y.rank === 4 ? tf.mean(y, spatialAxes) : tf.reshape(y, [count, -1]);
    });
    try {
      return (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
  };

  let dims: number;
  try {
    dims = (await run(new Uint8Array(INPUT_SIZE * INPUT_SIZE * 3).fill(128), 1)).length;
  } catch (err) {
    model.dispose();
    throw badRequest(`${options.name} fails on a ${INPUT_SIZE}×${INPUT_SIZE} frame (${(err as Error).message})`);
  }

  return {
    name: options.name,
    dims,
    inputSize: INPUT_SIZE,
    fingerprint: tfjsFingerprint(files, node, options.scaling),
    embed: batchedEmbed(run, { inputSize: INPUT_SIZE, dims, maxBatch }),
    dispose: () => model.dispose(),
  };
}

/** Where the 3 colour channels sit, after checking the declared input is a 224×224 RGB image. */
export function inputLayout(name: string, shape: number[]): Layout {
  const fits = (d: number | undefined) => d === -1 || d === INPUT_SIZE;
  if (shape.length === 4 && shape[3] === 3 && fits(shape[1]) && fits(shape[2])) return 'NHWC';
  if (shape.length === 4 && shape[1] === 3 && fits(shape[2]) && fits(shape[3])) return 'NCHW';
  throw badRequest(`${name} expects input of shape [${shape.join(', ')}]; a visual backbone takes ${INPUT_SIZE}×${INPUT_SIZE} RGB images`);
}
