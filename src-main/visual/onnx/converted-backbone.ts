/**
 * A TF.js graph backbone run by ONNX Runtime: converted in memory when loaded (under 0.1 s for the
 * bundled one, so no second file has to be kept in step with the TF.js weights), one thread. Its
 * embeddings match TF.js's to float rounding, so it keeps the TF.js backbone's fingerprint and
 * features stored by either stay valid.
 */
import { badRequest } from '../../contract/errors.js';
import { openOnnx } from '../../ml/onnx/session.js';
import type { Backbone } from '../backbone.js';
import { batchedEmbed } from '../batched-embed.js';
import { onnxImageRun, probeDims } from '../onnx-image.js';
import { INPUT_SIZE, inputLayout, tfjsFingerprint, type TfjsBackboneOptions } from '../tfjs-backbone.js';
import { freeInputSize, readGraphModel } from '../tfjs-graph-files.js';
import { ONNX_INPUT, ONNX_OUTPUT, tfjsGraphToOnnx } from './tfjs-to-onnx.js';

export async function loadConvertedBackbone(options: TfjsBackboneOptions & { outputNode: string }): Promise<Backbone> {
  const { name, outputNode, scaling } = options;
  let files = readGraphModel(options.path);
  if (options.freeInput) files = freeInputSize(files);
  if (inputLayout(name, files.input.shape) !== 'NHWC') throw badRequest(`${name} takes NCHW input; the ONNX converter reads NHWC TF.js graphs only`);
  let model: Uint8Array;
  try {
    model = tfjsGraphToOnnx(files, outputNode);
  } catch (err) {
    throw badRequest(`${name} cannot be converted to ONNX: ${(err as Error).message}`);
  }
  const runner = await openOnnx(model, { threads: 1 });

  const run = onnxImageRun(runner, ONNX_INPUT, ONNX_OUTPUT, scaling);
  let dims: number;
  try {
    dims = await probeDims(run);
  } catch (err) {
    await runner.release();
    throw badRequest(`${name} fails on a ${INPUT_SIZE}×${INPUT_SIZE} frame in ONNX Runtime (${(err as Error).message.split('\n')[0]})`);
  }

  return {
    name,
    dims,
    inputSize: INPUT_SIZE,
    fingerprint: tfjsFingerprint(files, outputNode, scaling),
    embed: batchedEmbed(run, { inputSize: INPUT_SIZE, dims, maxBatch: options.batch ?? 8 }),
    dispose: () => void runner.release(),
  };
}
