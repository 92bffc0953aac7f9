/**
 * The job seam: each job kind's params schema and result type, in one map. The queue's handler table,
 * the API methods that start jobs and the CLI commands that run them are all typed from it, so a job
 * kind or params shape that does not fit is a compile error; rows read back from a project are
 * checked against the same schemas before they run (parse.ts).
 */
import { z } from 'zod';
import { ARCHITECTURES, AV_MODALITIES, EVENT_SETTINGS, type EventGroup, type JobState, type ReportInfo } from './domain.js';

/** A row id in the project. */
export const entityId = z.number().int().positive();

const epochs = z.number().int().min(1).max(1000);
const frameStride = z.number().int().min(1).max(250);
const positiveInt = z.number().int().positive();

/** How a valence model is trained, shared by training one model and by the evaluation grid. */
const valenceTraining = {
  /** Sound semantics from the detectors ('sed') or from the curated events ('events'). */
  semantics: z.enum(['sed', 'events']).optional(),
  /** Audio-visual inputs; by default those every labelled movie has. */
  av: z.array(z.enum(AV_MODALITIES)).min(1).optional(),
  stride: frameStride.optional(),
  maxEpochs: epochs.optional(),
  patience: positiveInt.optional(),
  batchSize: positiveInt.max(65536).optional(),
  seed: positiveInt.optional(),
  /** Attention tokens of the transformer models. */
  tokens: positiveInt.max(1024).optional(),
  /** The per-film label: the mean of these raters' traces; by default of every rater. */
  raters: z.array(z.string().trim().min(1).max(80)).min(1).optional(),
};

export const JOB_PARAMS = {
  'import-movie': z.object({ path: z.string().min(1) }).strict(),
  'audio-descriptors': z.object({ movieId: entityId }).strict(),
  /** The film's stored spectrogram (import makes one; films imported before that need this). */
  spectrogram: z.object({ movieId: entityId }).strict(),
  analyze: z
    .object({
      movieId: entityId,
      /** Threads for the stages fed by the film's one decode, the main thread included (default: the project's threads setting, else one per core; 1: all on the main thread). */
      threads: z.number().int().min(1).max(256).optional(),
    })
    .strict(),
  'train-sed': z
    .object({
      groups: z.array(z.enum(['verbal', 'nonverbal'])).min(1).optional(),
      /** Default: every movie with curated events of the group. */
      movieIds: z.array(entityId).min(1).optional(),
      maxEpochs: epochs.optional(),
      /** Stop starting new epochs after this many minutes per group. */
      minutes: z.number().positive().optional(),
      /** Activate a retrained tagger head even when it scores lower on the held-out material than the active one (it is stored either way). */
      activateAnyway: z.boolean().optional(),
      /** The earlier name of activateAnyway, still read. */
      keepWorse: z.boolean().optional(),
    })
    .strict(),
  'train-valence': z
    .object({
      architecture: z.enum(ARCHITECTURES).optional(),
      events: z.enum(EVENT_SETTINGS).optional(),
      ...valenceTraining,
      /** Threads sharing each batch (data-parallel); by default the project's threads setting, else two where there are two cores. */
      threads: z.number().int().min(1).max(64).optional(),
    })
    .strict(),
  evaluate: z
    .object({
      models: z.array(z.enum(ARCHITECTURES)).min(1).optional(),
      events: z.array(z.enum(EVENT_SETTINGS)).min(1).optional(),
      ...valenceTraining,
      /** 1 scores every test frame, as the paper does. */
      testStride: frameStride.optional(),
      /** Folds trained side by side; by default one per core but one. */
      workers: z.number().int().min(1).max(256).optional(),
    })
    .strict(),
  /** A stored valence model (id or version) run over one movie, stored as a prediction series. */
  predict: z.object({ movieId: entityId, model: z.union([entityId, z.string().min(1)]) }).strict(),
} as const;

export type JobKind = keyof typeof JOB_PARAMS;
export type JobParams<K extends JobKind> = z.infer<(typeof JOB_PARAMS)[K]>;
/** The training settings train-valence and evaluate share. */
export type ValenceTrainingParams = Pick<JobParams<'train-valence'>, keyof typeof valenceTraining>;

/** One detector group's retraining. */
export interface DetectorTraining {
  group: EventGroup;
  /** The stored model, active or not. */
  version: string;
  modelId: number;
  movies: number;
  /** Whether it is now the group's active detector: not when it scored worse than the active one (`reason` says so with both figures). */
  activated: boolean;
  reason?: string;
  segmentF1: Record<string, number>;
  /** Tagger heads: the retrained and the previous detector scored on the same held-out windows. */
  heldOutWindows?: number;
  split?: string;
  macroF1?: { retrained: number; previous: number; previousVersion: string };
}

export interface JobResults {
  'import-movie': { movieId: number };
  'audio-descriptors': { setId: number; frames: number; reused: boolean };
  /** Columns of the finest level, and how many levels were stored. */
  spectrogram: { columns: number; levels: number };
  analyze: {
    /** Each stage's outcome in words ("done", "skipped: …"), in the order the stages run. */
    stages: Record<string, string>;
    events: number | null;
    predictionSeriesId: number | null;
    valenceModel: { version: string; isDefault: boolean } | null;
  };
  'train-sed': { models: DetectorTraining[] };
  'train-valence': {
    modelId: number;
    version: string;
    epochs: number;
    bestEpoch: number;
    samplesPerSecond: number;
    /** Scores on the movie held back for early stopping; null when there was only one movie. */
    metrics: { validation: { movie: number; acc: number; acc1: number; confusion: number[][] } } | null;
    /** Whether it is now the active valence model: not when it scored a lower Acc than the active one on its validation film. */
    activated: boolean;
    /** Why it was not activated (with both figures), or why it was activated without a comparison. */
    reason?: string;
    /** The new and the active model's Acc on the same validation film, where both could be scored. */
    acc?: { retrained: number; previous: number; previousVersion: string };
  };
  evaluate: { reportId: number; report: ReportInfo };
  predict: {
    seriesId: number;
    frames: number;
    modelVersion: string | null;
    /** Why the model's sound semantics no longer match the project's detectors; null when they do. */
    stale: string | null;
  };
}

export type JobResult<K extends JobKind> = JobResults[K];

interface JobFields {
  id: number;
  state: JobState;
  progress: number;
  message: string;
  /** Per-stage progress (0–1) of multi-stage jobs, in the order the stages run; null otherwise. */
  stages: Record<string, number> | null;
  /** Estimated seconds left, from the progress rate so far; null when unknown. */
  etaSeconds: number | null;
  createdAt: string;
  updatedAt: string;
}

export type JobOf<K extends JobKind> = JobFields & { kind: K; params: JobParams<K>; result: JobResult<K> | null };
/** A job of any kind; `kind` tells its params and result apart. */
export type Job = { [K in JobKind]: JobOf<K> }[JobKind];

export const isJobOf = <K extends JobKind>(job: Job, kind: K): job is Job & JobOf<K> => job.kind === kind;
