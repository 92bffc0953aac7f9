/**
 * What the two ONNX backbones (a user's ResNet-50, the converted bundled one) share: frames in as
 * one N×3×224×224 input, one output read, and the probe that learns the embedding's width.
 */
import type { OnnxRunner } from '../ml/onnx/session.js';
import { framesToInput, type PixelScaling } from './preprocess.js';
import { INPUT_SIZE } from './tfjs-backbone.js';

export type EmbedRun = (frames: Uint8Array, count: number) => Promise<Float32Array>;

export function onnxImageRun(runner: OnnxRunner, input: string, output: string, scaling: PixelScaling): EmbedRun {
  return async (frames, count) => {
    const data = framesToInput(frames, count, INPUT_SIZE, scaling, 'NCHW');
    return (await runner.run({ [input]: { data, dims: [count, 3, INPUT_SIZE, INPUT_SIZE] } }, [output]))[output];
  };
}

/** Values per frame, from one mid-grey frame; throws what the model throws. */
export async function probeDims(run: EmbedRun): Promise<number> {
  return (await run(new Uint8Array(INPUT_SIZE * INPUT_SIZE * 3).fill(128), 1)).length;
}
