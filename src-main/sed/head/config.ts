/**
 * The tagger head's configuration: a small recurrent network over the frozen AudioSet tagger's
 * window features (its 384-d embedding and 527 logits every 0.48 s). Saved in model.json beside the
 * weights and checked on load, like the CBRNN's.
 */
import type { EventClass, EventGroup } from '../../contract/domain.js';
import { classesOf } from '../model/config.js';
import { TAGGER, TAGGER_DIMS } from '../tagger/tagger.js';

/**
 * AudioSet classes (indices into its 527) that name human vocal sounds or music: speech and its
 * kinds, laughter, crying, shouting and screaming, singing and vocal music, crowds, breathing.
 */
export const HUMAN_AUDIOSET_CLASSES = [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 32, 33, 34, 35, 36, 37, 38, 39, 41, 42, 43, 44, 45, 46, 47, 50, 66, 67, 68, 69, 70, 71, 137, 138, 254, 255];

/** The logits of those classes and the pitch summary, as indices into the head's input. */
export const DEFAULT_DIRECT_FEATURES = [
  ...HUMAN_AUDIOSET_CLASSES.map((c) => TAGGER.embeddingDims + c),
  ...Array.from({ length: TAGGER_DIMS - TAGGER.embeddingDims - TAGGER.audiosetClasses }, (_, i) => TAGGER.embeddingDims + TAGGER.audiosetClasses + i),
];

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
  /**
   * Input features that also reach the frame logits through one linear layer, past the recurrent
   * path and its dropout: the pitch summary and the AudioSet classes that name human sounds. They
   * carry what transfers to unseen voices (sex by pitch; the tagger's prior against music and
   * effects), where the recurrent path alone learns the few training voices.
   */
  directFeatures: number[];
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
    hiddenDims: 64,
    gruUnits: 32,
    dropout: 0.5,
    directFeatures: [...DEFAULT_DIRECT_FEATURES],
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
  if (!Array.isArray(c.directFeatures) || c.directFeatures.some((i) => !Number.isInteger(i) || i < 0 || i >= c.inputDims!)) throw new Error(`${where}: bad direct features`);
  if (!(Number.isInteger(c.hiddenDims) && c.hiddenDims! > 0 && Number.isInteger(c.gruUnits) && c.gruUnits! > 0)) throw new Error(`${where}: bad layer sizes`);
  return c as HeadConfig;
}
