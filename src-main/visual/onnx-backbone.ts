/**
 * A user-supplied ResNet-50 (or any torchvision-style CNN) in ONNX, run on the CPU with ONNX
 * Runtime: input N×3×224×224 float with ImageNet normalisation, output the penultimate features
 * (2,048 for ResNet-50 once its fc layer is replaced by Identity; see docs/visual.md).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type * as ort from 'onnxruntime-node';
import { badRequest } from '../contract/errors.js';
import { openOnnx, type OnnxRunner } from '../ml/onnx/session.js';
import type { Backbone } from './backbone.js';
import { batchedEmbed } from './batched-embed.js';
import { onnxImageRun, probeDims } from './onnx-image.js';
import { INPUT_SIZE } from './tfjs-backbone.js';

export interface OnnxBackboneOptions {
  name: string;
  path: string;
  /** CPU threads for one inference; 1 leaves the other core to decoding and the other stages. */
  threads?: number;
  /** Frames per inference call when the batch dimension is free. */
  batch?: number;
}

export async function loadOnnxBackbone({ name, path, threads = 1, batch = 8 }: OnnxBackboneOptions): Promise<Backbone> {
  const shown = basename(path);
  if (!existsSync(path) || !statSync(path).isFile()) throw badRequest(`no ONNX model at ${path}`);
  const bytes = readFileSync(path);
  let session: OnnxRunner;
  try {
    session = await openOnnx(bytes, { threads });
  } catch (err) {
    throw badRequest(`${shown} is not an ONNX model ONNX Runtime can load (${firstSentence(err)})`);
  }
  const fail = (message: string): never => {
    void session.release();
    throw badRequest(`${shown} ${message}`);
  };

  if (session.inputNames.length !== 1) fail(`has ${session.inputNames.length} inputs; a visual backbone takes exactly one image input`);
  const input = session.inputMetadata[0];
  const shape = input.isTensor ? input.shape : [];
  const fixed = (d: number | string | undefined, want: number) => d === want;
  if (!input.isTensor || input.type !== 'float32' || shape.length !== 4 || !fixed(shape[1], 3) || !fixed(shape[2], INPUT_SIZE) || !fixed(shape[3], INPUT_SIZE)) {
    fail(`expects input ${describe(input)}; the visual backbone needs a float32 N×3×${INPUT_SIZE}×${INPUT_SIZE} image (ResNet-50 as exported from torchvision)`);
  }
  const maxBatch = typeof shape[0] === 'number' ? shape[0] : batch;
  if (maxBatch < 1) fail(`declares a batch of ${shape[0]}`);
  const run = onnxImageRun(session, session.inputNames[0], session.outputNames[0], 'imagenet');
  let dims = 0;
  try {
    dims = await probeDims(run);
  } catch (err) {
    fail(`fails on a ${INPUT_SIZE}×${INPUT_SIZE} frame (${firstSentence(err)})`);
  }
  if (dims === 1000) {
    fail('ends in the 1,000-class ImageNet classifier; export it with model.fc = torch.nn.Identity() to get the 2,048 penultimate features (see docs/visual.md)');
  }

  return {
    name,
    dims,
    inputSize: INPUT_SIZE,
    fingerprint: createHash('sha256').update(bytes).digest('hex').slice(0, 16),
    embed: batchedEmbed(run, { inputSize: INPUT_SIZE, dims, maxBatch }),
    dispose: () => void session.release(),
  };
}

function describe(meta: ort.InferenceSession.ValueMetadata): string {
  if (!meta.isTensor) return 'that is not a tensor';
  return `${meta.type} [${meta.shape.map((d) => String(d)).join(', ')}]`;
}

function firstSentence(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0].slice(0, 300);
}
