/**
 * Small learnable frame tables for model tests: the class follows a slow random walk, one audio
 * feature carries it with noise, and a 4-d "verbal" activity marks frames where it is pushed to
 * the extremes, so sound semantics measurably help.
 */
import type { FrameTable } from '../../../src-main/valence/data/frame-table.js';
import { Rng } from '../../../src-main/util/random.js';

export function toyTable(rows: number, seed: number, audioDims = 12, stride = 1): FrameTable {
  const rng = new Rng(seed);
  const audio = new Float32Array(rows * audioDims);
  const verbal = new Float32Array(rows * 4);
  const labels = new Uint8Array(rows);
  let level = 4;
  for (let r = 0; r < rows; r++) {
    if (rng.next() < 0.05) level = Math.min(5, Math.max(3, level + (rng.next() < 0.5 ? -1 : 1)));
    const event = rng.next() < 0.2 ? (rng.next() < 0.5 ? 0 : 1) : -1;
    labels[r] = event === 0 ? 1 : event === 1 ? 7 : level;
    if (event >= 0) verbal[r * 4 + event] = 1;
    for (let k = 0; k < audioDims; k++) audio[r * audioDims + k] = rng.normal() * 0.5 + (k === 0 ? level : 0);
  }
  return {
    rows,
    stride,
    firstFrame: 0,
    labels,
    features: new Map([
      ['audio', { dims: audioDims, data: audio }],
      ['verbal', { dims: 4, data: verbal }],
    ]),
  };
}
