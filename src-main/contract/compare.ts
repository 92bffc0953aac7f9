/**
 * Comparing two model versions of one role (#13 item 2): spread into `paramSchemas` and `ApiResults`.
 * `models.compare` scores both on the same material; `models.compareEvents` gives what each makes of
 * one film, for the timeline's comparison lane. Neither writes to the project (tagger features a
 * detector comparison needs are cached, as a retrain caches them).
 */
import { z } from 'zod';
import type { EventClass, EventGroup } from './domain.js';
import { entityId as id } from './jobs.js';

const version = z.string().trim().min(1).max(200);

export const compareSchemas = {
  /** Both versions (detectors or valence models of one role) scored on the same material: every film that has it, or `movieId` only. */
  'models.compare': z.object({ a: version, b: version, movieId: id.optional() }).strict(),
  /** What each version makes of one film: detector events post-processed as Analyze would, or the predicted valence curve. */
  'models.compareEvents': z.object({ movieId: id, versions: z.tuple([version, version]) }).strict(),
} as const;

/** One side of a comparison, as the registry names it, with the held-out figure recorded at its training. */
export interface ComparedVersion {
  version: string;
  name: string;
  shipped: boolean;
  active: boolean;
  recorded: { value: number | null; note: string | null };
}

/** A film the material came from. */
export interface ComparedFilm {
  movieId: number;
  title: string;
}

/** Macro segment F1 (1 s segments, sed_eval's class-wise average) and per class, for A and B. */
export interface DetectorScores {
  a: number;
  b: number;
}

export interface DetectorComparison {
  role: EventGroup;
  metric: 'macro segment F1';
  a: ComparedVersion;
  b: ComparedVersion;
  /**
   * Where both were scored: on each film, the 10 s windows (on a grid from the film's start) that
   * hold a curated (human or imported) event of the group, against those events alone.
   */
  material: { films: number; windows: number; events: number; note: string };
  overall: DetectorScores;
  /** `reference`: 1 s segments the curated events of the class cover; a class without any scores 0 (sed_eval). */
  classes: Array<DetectorScores & { label: EventClass; reference: number }>;
  films: Array<ComparedFilm & DetectorScores & { windows: number; events: number }>;
  /** Films whose tagger features were computed (and cached) for this comparison. */
  computed: ComparedFilm[];
}

/** Frame-wise 7-class accuracy, exact and within one class (the paper's Acc and Acc±1). */
export interface ValenceScores {
  acc: number;
  acc1: number;
}

export interface ValenceComparison {
  role: 'valence';
  metric: 'Acc';
  a: ComparedVersion;
  b: ComparedVersion;
  /** Whose ratings are each film's label. */
  labels: string;
  /** Over every scored frame of every film, both models on the same frames. */
  overall: { a: ValenceScores; b: ValenceScores; frames: number };
  films: Array<ComparedFilm & { frames: number; a: ValenceScores; b: ValenceScores }>;
  /** Labelled films one of the two could not be scored on, and why. */
  skipped: Array<ComparedFilm & { reason: string }>;
}

export type ModelComparison = DetectorComparison | ValenceComparison;

/** A detector version's events on the film, as Analyze would store them (nothing is stored). */
export interface ComparedEvents {
  version: string;
  name: string;
  events: Array<{ label: EventClass; onset: number; offset: number; confidence: number }>;
}

/** A valence model's expected valence per 25 Hz frame: base64 little-endian Float32. */
export interface ComparedCurve {
  version: string;
  name: string;
  rate: number;
  values: string;
}

export type CompareTracks =
  | { role: EventGroup; movieId: number; tracks: [ComparedEvents, ComparedEvents] }
  | { role: 'valence'; movieId: number; tracks: [ComparedCurve, ComparedCurve] };

export interface CompareResults {
  'models.compare': ModelComparison;
  'models.compareEvents': CompareTracks;
}
