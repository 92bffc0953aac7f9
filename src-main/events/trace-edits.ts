/**
 * Turns a change to a rater's valence trace (a rating pass, a drawn stretch, a constant, a smoothing,
 * an import, a removal) into the ops that do it and undo it. Pure, like event-edits: it reads the
 * current trace it is given and writes nothing.
 */
import { badRequest } from '../contract/errors.js';
import type { Edit } from './event-edits.js';
import type { TraceKey } from './event-types.js';

export interface CurrentTrace {
  name: string;
  /** 25 Hz, NaN where not rated. */
  values: Float32Array;
}

const toJson = (values: ArrayLike<number>) => Array.from(values, (v) => (Number.isNaN(v) ? null : v));

/** Throws unless every value is a rating on [-1, 1] (or NaN, unrated, where allowed); `what` names the values. */
export function checkRatings(values: ArrayLike<number>, what: string, allowUnrated = false): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (allowUnrated && Number.isNaN(v)) continue;
    if (!Number.isFinite(v) || v < -1 || v > 1) throw badRequest(`${what}: value ${i} (${v}) is not a valence on [-1, 1]`);
  }
}

/**
 * Writes `values` over frames [start, start + n) of the rater's trace, creating the trace (unrated
 * elsewhere) when the rater has none: re-rating a stretch replaces only that stretch.
 */
export function writeRangeEdit(key: TraceKey, current: CurrentTrace | null, start: number, values: ArrayLike<number>, label: string, allowUnrated = false): Edit {
  if (!Number.isInteger(start) || start < 0) throw badRequest(`a trace range starts at a frame number, got ${start}`);
  if (values.length === 0) throw badRequest('no values to write');
  checkRatings(values, label, allowUnrated);
  if (!current) {
    const whole = new Float32Array(start + values.length).fill(Number.NaN);
    whole.set(Array.from(values), start);
    return { label, forward: [{ op: 'trace-put', trace: key, name: key.rater, values: toJson(whole) }], backward: [{ op: 'trace-del', trace: key }] };
  }
  const before = new Float32Array(values.length).fill(Number.NaN);
  before.set(current.values.subarray(start, start + values.length));
  return {
    label,
    forward: [{ op: 'trace-range', trace: key, start, values: toJson(values) }],
    backward: [{ op: 'trace-range', trace: key, start, values: toJson(before) }],
  };
}

/** Puts a whole trace in place of the rater's current one (an import), or creates it. */
export function replaceTraceEdit(key: TraceKey, current: CurrentTrace | null, name: string, values: Float32Array, label: string): Edit {
  return {
    label,
    forward: [{ op: 'trace-put', trace: key, name, values: toJson(values) }],
    backward: current ? [{ op: 'trace-put', trace: key, name: current.name, values: toJson(current.values) }] : [{ op: 'trace-del', trace: key }],
  };
}

/** Removes the rater's trace; undo brings it back whole. */
export function deleteTraceEdit(key: TraceKey, current: CurrentTrace, label: string): Edit {
  return { label, forward: [{ op: 'trace-del', trace: key }], backward: [{ op: 'trace-put', trace: key, name: current.name, values: toJson(current.values) }] };
}

/** Moving average over `radius` frames each side, within [start, end): the "smooth a selection" tool. Unrated frames stay unrated. */
export function smoothRange(values: Float32Array, start: number, end: number, radius: number): Float32Array {
  const out = new Float32Array(end - start);
  for (let i = start; i < end; i++) {
    let sum = 0;
    let n = 0;
    for (let j = Math.max(start, i - radius); j <= Math.min(end - 1, i + radius); j++) {
      if (!Number.isNaN(values[j])) (sum += values[j]), n++;
    }
    out[i - start] = Number.isNaN(values[i]) || n === 0 ? Number.NaN : sum / n;
  }
  return out;
}
