/**
 * Options shared by the valence CLI commands (evaluate, train-valence): parsing of lists and
 * numbers with usage errors, and the defaults a command line starts from.
 */
import { badRequest } from '../contract/errors.js';
import type { SemanticsSource } from './load-frames.js';
import { AV_MODALITIES, EVENT_SETTINGS, type AvModality, type EventSetting } from './modalities.js';
import { ARCHITECTURES, type Architecture } from './model-config.js';
import { DEFAULT_STRIDE, PAPER_TRAINING, type TrainOptions } from './train.js';


/** node:util parseArgs options every valence command accepts. */
export const TRAINING_ARGS = {
  semantics: { type: 'string' },
  av: { type: 'string' },
  stride: { type: 'string' },
  'max-epochs': { type: 'string' },
  patience: { type: 'string' },
  'batch-size': { type: 'string' },
  seed: { type: 'string' },
  tokens: { type: 'string' },
} as const;

type Values = Partial<Record<keyof typeof TRAINING_ARGS, string>>;

export function list<T extends string>(value: string | undefined, allowed: readonly T[], what: string, fallback: T[]): T[] {
  if (value === undefined) return fallback;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = items.filter((i) => !allowed.includes(i as T));
  if (bad.length > 0 || items.length === 0) throw badRequest(`unknown ${what} '${bad.join(',') || value}'; choose from ${allowed.join(', ')}`);
  return items as T[];
}

export function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw badRequest(`--${name} must be a positive whole number, got '${value}'`);
  return n;
}

export interface CommonSettings {
  semantics: SemanticsSource;
  av: AvModality[] | undefined;
  stride: number;
  training: TrainOptions;
  model: { tokens?: number };
}

export function commonSettings(v: Values): CommonSettings {
  const semantics = list(v.semantics, ['sed', 'events'] as const, 'semantics source', ['sed'])[0];
  return {
    semantics,
    av: v.av === undefined ? undefined : list(v.av, AV_MODALITIES, 'audio-visual modality', []),
    stride: positiveInt(v.stride, 'stride', DEFAULT_STRIDE),
    training: {
      ...PAPER_TRAINING,
      maxEpochs: positiveInt(v['max-epochs'], 'max-epochs', PAPER_TRAINING.maxEpochs),
      patience: positiveInt(v.patience, 'patience', PAPER_TRAINING.patience),
      batchSize: positiveInt(v['batch-size'], 'batch-size', PAPER_TRAINING.batchSize),
      seed: positiveInt(v.seed, 'seed', PAPER_TRAINING.seed),
    },
    model: v.tokens === undefined ? {} : { tokens: positiveInt(v.tokens, 'tokens', 0) },
  };
}

/** `all` or a comma list; `all` is not an architecture, while for events it is a setting. */
export const parseModels = (v: string | undefined): Architecture[] => (v === 'all' ? [...ARCHITECTURES] : list(v, ARCHITECTURES, 'model', [...ARCHITECTURES]));
export const parseEvents = (v: string | undefined): EventSetting[] => list(v, EVENT_SETTINGS, 'events setting', [...EVENT_SETTINGS]);

export const COMMON_USAGE = '[--semantics sed|events] [--av audio,visual,motion] [--stride N] [--max-epochs N] [--patience N] [--batch-size N] [--seed N] [--tokens N]';

/** A context whose signal fires on Ctrl-C, so training stops between batches and nothing half-written is stored. */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return controller.signal;
}
