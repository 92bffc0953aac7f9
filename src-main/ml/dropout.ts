/**
 * tf.dropout with the same bits, made in one loop. tfjs draws its mask with randomUniform (a closure
 * call per element, ~13 ns) and then runs add, floor and div over it: ~1.8 ms of a Fea-TF SCMA
 * training step on a half batch. Here the same numbers come from the same generator (seedrandom's
 * alea, seeded with the seed's decimal string as tfjs seeds it), each rounded to float32 where a
 * tfjs op rounded it, and only the final product is a kernel.
 */
import * as tf from '@tensorflow/tfjs-core';
import seedrandom from 'seedrandom';

/** What alea's state() holds (its typings leave it opaque). */
interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

/** tf.dropout's multiplier for rate in [2⁻²⁴, 1): 1/keep where floor(u + keep) = 1, else 0. */
export function dropoutMask(shape: number[], rate: number, seed: number): Float32Array {
  const f = Math.fround;
  const keep = f(1 - rate);
  const scale = f(1 / keep);
  // The library seeds the generator; its three-line step runs here on locals (called through
  // seedrandom's closure it took 10 ns a number).
  let { c, s0, s1, s2 } = seedrandom.alea(String(seed), { state: true }).state() as AleaState;
  const out = new Float32Array(tf.util.sizeFromShape(shape));
  for (let i = 0; i < out.length; i++) {
    const t = 2091639 * s0 + c * 2.3283064365386963e-10;
    s0 = s1;
    s1 = s2;
    c = t | 0;
    s2 = t - c;
    // floor(u + keep) is 0 or 1 (u < 1, keep ≤ 1), so the quotient is 0 or 1/keep.
    out[i] = f(f(s2) + keep) >= 1 ? scale : 0;
  }
  return out;
}

/** x with each element zeroed at `rate` and the rest scaled by 1/(1 − rate); x itself when rate is 0. */
export function dropout(x: tf.Tensor, rate: number, seed: number): tf.Tensor {
  if (!(rate >= 0 && rate < 1)) throw new Error(`dropout rate must be in [0, 1), got ${rate}`);
  if (rate === 0) return x;
  // Below 2⁻²⁴ the keep probability rounds to 1 and tfjs's floor can reach 2: its own op keeps its bits.
  if (Math.fround(1 - rate) === 1) return tf.dropout(x, rate, undefined, seed);
  return tf.mul(x, tf.tensor(dropoutMask(x.shape, rate, seed), x.shape));
}
