/**
 * The attentive CBRNN's configuration: everything needed to rebuild the network before its weights
 * are loaded. It is saved in model.json next to the weights and checked on load, so a folder from
 * another architecture or a newer format is refused with a clear message.
 */
import { NONVERBAL_CLASSES, VERBAL_CLASSES, type EventClass, type EventGroup } from '../../contract/domain.js';
import { LOG_MEL, FRAMES_PER_BLOCK } from '../frontend/log-mel.js';

export const ARCHITECTURE = 'attentive-cbrnn';
/** Bump when the weights layout or the meaning of a field changes. */
export const FORMAT_VERSION = 1;

export interface CbrnnConfig {
  architecture: typeof ARCHITECTURE;
  formatVersion: number;
  /** Which detector: the paper trains verbal and non-verbal sounds separately. */
  group: EventGroup;
  classes: EventClass[];
  /** Log-mel bands per input frame. */
  bands: number;
  /** Input frames (10 ms) stacked as channels of one model step (40 ms, 25 Hz). */
  framesPerStep: number;
  /** Output channels of the three 3×3 convolution blocks. */
  convChannels: [number, number, number];
  /**
   * Frequency max-pooling of each block; their product is the band count, so the recurrent layer
   * sees one frequency bin. (Pooling gently first, 2·4·8, to keep harmonics resolvable trained
   * 1.5× slower and scored no better on validation within the 30-minute budget.)
   */
  freqPools: [number, number, number];
  /** GRU units per direction; the 25 Hz embedding has twice as many dimensions. */
  gruUnits: number;
  /** Dropout on the recurrent layer's input while training. */
  dropout: number;
  /** Per-band mean and standard deviation of the training log-mels, applied before the convolutions. */
  inputMean: number[];
  inputStd: number[];
}

export function classesOf(group: EventGroup): EventClass[] {
  return [...(group === 'verbal' ? VERBAL_CLASSES : NONVERBAL_CLASSES)];
}

export function defaultConfig(group: EventGroup): CbrnnConfig {
  return {
    architecture: ARCHITECTURE,
    formatVersion: FORMAT_VERSION,
    group,
    classes: classesOf(group),
    bands: LOG_MEL.bands,
    framesPerStep: FRAMES_PER_BLOCK,
    convChannels: [16, 32, 64],
    freqPools: [4, 4, 4],
    gruUnits: 32,
    dropout: 0.2,
    inputMean: new Array<number>(LOG_MEL.bands).fill(0),
    inputStd: new Array<number>(LOG_MEL.bands).fill(1),
  };
}

/** Throws a message for people if `value` is not a config this code can run. */
export function checkConfig(value: unknown, where: string): CbrnnConfig {
  const c = value as Partial<CbrnnConfig> | null;
  if (!c || typeof c !== 'object') throw new Error(`${where} has no model configuration`);
  if (c.architecture !== ARCHITECTURE) {
    throw new Error(`${where} holds a '${String(c.architecture)}' model, not an ${ARCHITECTURE} sound event detector`);
  }
  if (typeof c.formatVersion !== 'number' || c.formatVersion > FORMAT_VERSION) {
    throw new Error(`${where} was saved in format ${String(c.formatVersion)}; this version reads format ${FORMAT_VERSION}`);
  }
  if (c.group !== 'verbal' && c.group !== 'nonverbal') throw new Error(`${where}: unknown detector group '${String(c.group)}'`);
  const expected = classesOf(c.group);
  if (!Array.isArray(c.classes) || c.classes.join() !== expected.join()) {
    throw new Error(`${where}: classes ${JSON.stringify(c.classes)} do not match the ${c.group} detector's ${expected.join(', ')}`);
  }
  if (c.bands !== LOG_MEL.bands || c.framesPerStep !== FRAMES_PER_BLOCK) {
    throw new Error(`${where}: expects ${c.bands} bands × ${c.framesPerStep} frames per step; the front end gives ${LOG_MEL.bands} × ${FRAMES_PER_BLOCK}`);
  }
  if (c.inputMean?.length !== c.bands || c.inputStd?.length !== c.bands) throw new Error(`${where}: input normalisation has the wrong size`);
  if (!Array.isArray(c.freqPools) || c.freqPools.reduce((a, b) => a * b, 1) !== c.bands) {
    throw new Error(`${where}: frequency pooling ${JSON.stringify(c.freqPools)} does not reduce ${c.bands} bands to one`);
  }
  return c as CbrnnConfig;
}
