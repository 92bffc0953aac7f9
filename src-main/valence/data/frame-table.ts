/**
 * Frame-wise model inputs in memory and the batch builder. A table holds rows of a movie's
 * descriptors at a stride (every frame for testing, every s-th for training: valence labels are
 * smooth, so neighbouring frames add little), per-row classes, and per-modality feature rows.
 * Batches are built in plain loops: normalize, concatenate modalities, zero-pad, cut windows.
 */
import type { InputGroup } from '../model/model.js';
import type { Modality } from './modalities.js';

export interface FrameTable {
  rows: number;
  /** 25 Hz frames between consecutive rows. */
  stride: number;
  /** 25 Hz frame index of row 0 (chunks of a long movie start later). */
  firstFrame: number;
  /** Class 1..7 per row; 0 where the frame has no label. */
  labels: Uint8Array;
  /** rows × dims, row-major, per modality. */
  features: Map<Modality, { dims: number; data: Float32Array }>;
}

/** Per-dimension z-scoring fitted on the training movies and saved with the model. */
export type Normalizer = Map<Modality, { mean: Float32Array; invStd: Float32Array }>;

export function fitNormalizer(tables: FrameTable[], modalities: Modality[]): Normalizer {
  const out: Normalizer = new Map();
  for (const m of modalities) {
    const dims = featuresOf(tables[0], m).dims;
    const sum = new Float64Array(dims);
    const sq = new Float64Array(dims);
    let n = 0;
    for (const t of tables) {
      const { data } = featuresOf(t, m);
      for (let r = 0; r < t.rows; r++) {
        for (let k = 0; k < dims; k++) {
          const x = data[r * dims + k];
          sum[k] += x;
          sq[k] += x * x;
        }
      }
      n += t.rows;
    }
    const mean = new Float32Array(dims);
    const invStd = new Float32Array(dims);
    for (let k = 0; k < dims; k++) {
      mean[k] = sum[k] / n;
      const sd = Math.sqrt(Math.max(0, sq[k] / n - mean[k] * mean[k]));
      // A constant feature carries nothing; scaling it by 1/0 would only blow up rounding noise.
      invStd[k] = sd > 1e-6 ? 1 / sd : 0;
    }
    out.set(m, { mean, invStd });
  }
  return out;
}

export function featuresOf(t: FrameTable, m: Modality): { dims: number; data: Float32Array } {
  const f = t.features.get(m);
  if (!f) throw new Error(`frame table has no ${m} features`);
  return f;
}

/** Which rows of which tables a batch holds. */
export interface SampleRefs {
  table: Int32Array;
  row: Int32Array;
}

/**
 * One Float32Array per input group, [batch × window × width]; window rows run from the oldest
 * frame to the predicted one, `windowStep` 25 Hz frames apart, clamped at the table's start.
 * With `into` (one array per group, at least that long) the rows are written there and views of
 * it returned: a training loop reuses one buffer instead of allocating megabytes per batch.
 */
export function gatherBatch(
  tables: FrameTable[],
  refs: SampleRefs,
  groups: InputGroup[],
  normalizer: Normalizer,
  windowStep: number,
  into?: Float32Array[],
): Float32Array[] {
  const b = refs.row.length;
  return groups.map((g, gi) => {
    const size = b * g.window * g.width;
    const out = into ? into[gi].subarray(0, size) : new Float32Array(size);
    for (let s = 0; s < b; s++) {
      const t = tables[refs.table[s]];
      const rowStep = g.window > 1 ? windowRowStep(t, windowStep) : 0;
      for (let j = 0; j < g.window; j++) {
        const row = Math.max(0, refs.row[s] - (g.window - 1 - j) * rowStep);
        const start = (s * g.window + j) * g.width;
        let at = start;
        for (const m of g.modalities) {
          const { dims, data } = featuresOf(t, m);
          const { mean, invStd } = normalizer.get(m)!;
          const from = row * dims;
          for (let k = 0; k < dims; k++) out[at + k] = (data[from + k] - mean[k]) * invStd[k];
          at += dims;
        }
        if (into) out.fill(0, at, start + g.width);
      }
    }
    return out;
  });
}

function windowRowStep(t: FrameTable, windowStep: number): number {
  const step = windowStep / t.stride;
  if (!Number.isInteger(step) || step < 1) {
    throw new Error(`windows step ${windowStep} frames, which a table at stride ${t.stride} cannot hold`);
  }
  return step;
}

/** Every labelled row of every table, as sample references. */
export function labelledRows(tables: FrameTable[]): SampleRefs {
  const table: number[] = [];
  const row: number[] = [];
  tables.forEach((t, ti) => {
    for (let r = 0; r < t.rows; r++) {
      if (t.labels[r] > 0) {
        table.push(ti);
        row.push(r);
      }
    }
  });
  return { table: Int32Array.from(table), row: Int32Array.from(row) };
}
