/**
 * The review queue's part of the API contract (#13 item 5): spread into `paramSchemas` and `ApiResults`.
 * A segment is a stretch of one film where a detector is unsure about one class; a verdict on it
 * becomes events (one undoable step) and keeps it out of the queue while that step stands.
 */
import { z } from 'zod';
import { EVENT_CLASSES, type EventClass, type EventGroup, type HistoryState, type SoundEvent } from './domain.js';
import { entityId as id } from './jobs.js';

export const REVIEW_VERDICTS = ['accept', 'reject', 'relabel'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

const seconds = z.number().finite().nonnegative();
const label = z.enum(EVENT_CLASSES);
/** A segment as the queue gave it: the film, the class in doubt and its span. */
const segment = z.object({ movieId: id, label, start: seconds, end: seconds }).strict();

export const reviewSchemas = {
  /** The least certain segments of the active detectors, worst first: of one film, or (no movieId) of every film. */
  'review.queue': z.object({ movieId: id.optional(), limit: z.number().int().min(1).max(5000).optional() }).strict(),
  /**
   * accept: a human event of the segment's class over it. reject: no event of that class there (the
   * detected ones are cut out of it). relabel: a human event of `label` instead, the detected ones of
   * the segment's class cut out. One undoable step each.
   */
  'review.decide': z.discriminatedUnion('verdict', [
    z.object({ segment, verdict: z.literal('accept') }).strict(),
    z.object({ segment, verdict: z.literal('reject') }).strict(),
    z.object({ segment, verdict: z.literal('relabel'), label }).strict(),
  ]),
} as const;

export interface ReviewSegment {
  movieId: number;
  /** The film's title, for lists that span films. */
  title: string;
  label: EventClass;
  group: EventGroup;
  start: number;
  end: number;
  /** 0–1, mean over the segment's frames; 1 = activity on the threshold, or the group's classes alike. */
  score: number;
  /** Which measure made it unsure. */
  reason: 'threshold' | 'confusion';
  /** The detector whose activity and thresholds it was read from. */
  modelVersion: string;
  /** The events of the class's group over the segment now (detected, imported, hand-made). */
  events: SoundEvent[];
}

export interface ReviewQueueResult {
  segments: ReviewSegment[];
  /** Segments waiting in all; `segments` holds the first `limit` of them. */
  total: number;
  /** Verdicts standing (not undone) on the films asked about. */
  decided: number;
  /** Films with no detector activity stored yet: Analyze them to review them. */
  unanalysed: Array<{ movieId: number; title: string }>;
}

export interface ReviewDecision {
  id: number;
  movieId: number;
  /** The class the segment was in doubt about. */
  label: EventClass;
  start: number;
  end: number;
  verdict: ReviewVerdict;
  /** The class a relabel gave it; null otherwise. */
  newLabel: EventClass | null;
  decidedAt: string;
}

export interface ReviewResults {
  'review.queue': ReviewQueueResult;
  /** The film's events and the history after the step, as an event edit answers. */
  'review.decide': { events: SoundEvent[]; history: HistoryState; decision: ReviewDecision };
}
