/**
 * The tagger head's configuration: a small recurrent network over the frozen AudioSet tagger's
 * window features (its 384-d embedding and 527 logits every 0.48 s). Saved in model.json beside the
 * weights and checked on load, like the CBRNN's.
 */
import type { EventClass, EventGroup } from '../../contract/domain.js';
import { classesOf } from '../model/config.js';
import { TAGGER, TAGGER_DIMS } from '../tagger/tagger.js';

export const HEAD_ARCHITECTURE = 'tagger-head';
export const HEAD_FORMAT_VERSION = 1;

export interface HeadConfig {
  architecture: typeof HEAD_ARCHITECTURE;
  formatVersion: number;
  group: EventGroup;
  classes: EventClass[];
  /** The frozen front end whose window features this head reads. */
  tagger: typeof TAGGER.name;
  inputDims: number;
  /** Width of the dense projection before the recurrent layer. */
  hiddenDims: number;
  /** GRU units per direction; the embedding has twice as many dimensions. */
  gruUnits: number;
  dropout: number;
  /** Per-feature mean and standard deviation of the training features. */
  inputMean: number[];
  inputStd: number[];
}

export function defaultHeadConfig(group: EventGroup): HeadConfig {
  return {
    architecture: HEAD_ARCHITECTURE,
    formatVersion: HEAD_FORMAT_VERSION,
    group,
    classes: classesOf(group),
    tagger: TAGGER.name,
    inputDims: TAGGER_DIMS,
    hiddenDims: 96,
    gruUnits: 32,
    dropout: 0.3,
    inputMean: new Array<number>(TAGGER_DIMS).fill(0),
    inputStd: new Array<number>(TAGGER_DIMS).fill(1),
  };
}

export function checkHeadConfig(value: unknown, where: string): HeadConfig {
  const c = value as Partial<HeadConfig> | null;
  if (!c || typeof c !== 'object') throw new Error(`${where} has no model configuration`);
  if (c.architecture !== HEAD_ARCHITECTURE) throw new Error(`${where} holds a '${String(c.architecture)}' model, not a ${HEAD_ARCHITECTURE}`);
  if (typeof c.formatVersion !== 'number' || c.formatVersion > HEAD_FORMAT_VERSION) {
    throw new Error(`${where} was saved in format ${String(c.formatVersion)}; this version reads format ${HEAD_FORMAT_VERSION}`);
  }
  if (c.group !== 'verbal' && c.group !== 'nonverbal') throw new Error(`${where}: unknown detector group '${String(c.group)}'`);
  const expected = classesOf(c.group);
  if (!Array.isArray(c.classes) || c.classes.join() !== expected.join()) {
    throw new Error(`${where}: classes ${JSON.stringify(c.classes)} do not match the ${c.group} detector's ${expected.join(', ')}`);
  }
  if (c.tagger !== TAGGER.name || c.inputDims !== TAGGER_DIMS) throw new Error(`${where}: reads ${String(c.tagger)} features (${String(c.inputDims)}-d); this version has ${TAGGER.name} (${TAGGER_DIMS}-d)`);
  if (c.inputMean?.length !== c.inputDims || c.inputStd?.length !== c.inputDims) throw new Error(`${where}: input normalisation has the wrong size`);
  if (!(Number.isInteger(c.hiddenDims) && c.hiddenDims! > 0 && Number.isInteger(c.gruUnits) && c.gruUnits! > 0)) throw new Error(`${where}: bad layer sizes`);
  return c as HeadConfig;
}
