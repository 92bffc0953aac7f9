/**
 * Options shared by the valence CLI commands (evaluate, train-valence): parsing of lists and
 * numbers with usage errors, and the defaults a command line starts from.
 */
import { badRequest } from '../contract/errors.js';
import type { ValenceTrainingParams } from '../contract/jobs.js';
import { AV_MODALITIES, EVENT_SETTINGS, type EventSetting } from '../valence/data/modalities.js';
import { ARCHITECTURES, type Architecture } from '../valence/model/model-config.js';
import { DEFAULT_STRIDE, PAPER_TRAINING } from '../valence/training/settings.js';

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
  raters: { type: 'string' },
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

/** The valence commands' training options as job params; the job fills in the rest, as for the app. */
export function trainingParams(v: Values): ValenceTrainingParams {
  return {
    semantics: list(v.semantics, ['sed', 'events'] as const, 'semantics source', ['sed'])[0],
    av: v.av === undefined ? undefined : list(v.av, AV_MODALITIES, 'audio-visual modality', []),
    stride: positiveInt(v.stride, 'stride', DEFAULT_STRIDE),
    maxEpochs: positiveInt(v['max-epochs'], 'max-epochs', PAPER_TRAINING.maxEpochs),
    patience: positiveInt(v.patience, 'patience', PAPER_TRAINING.patience),
    batchSize: positiveInt(v['batch-size'], 'batch-size', PAPER_TRAINING.batchSize),
    seed: positiveInt(v.seed, 'seed', PAPER_TRAINING.seed),
    tokens: v.tokens === undefined ? undefined : positiveInt(v.tokens, 'tokens', 0),
    raters: v.raters === undefined ? undefined : ratersOf(v.raters),
  };
}

/** `all` or a comma list; `all` is not an architecture, while for events it is a setting. */
export const parseModels = (v: string | undefined): Architecture[] => (v === 'all' ? [...ARCHITECTURES] : list(v, ARCHITECTURES, 'model', [...ARCHITECTURES]));
export const parseEvents = (v: string | undefined): EventSetting[] => list(v, EVENT_SETTINGS, 'events setting', [...EVENT_SETTINGS]);

export const COMMON_USAGE = '[--semantics sed|events] [--av audio,visual,motion] [--stride N] [--max-epochs N] [--patience N] [--batch-size N] [--seed N] [--tokens N] [--raters A,B]';

/** `--raters A,B`: the label is the mean of these raters' traces (default: all raters). */
function ratersOf(v: string): string[] {
  const names = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw badRequest('--raters needs at least one rater name');
  return names;
}
