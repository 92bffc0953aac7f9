/**
 * The API's handlers for the review queue (#13 item 5). A verdict is one history step, like an event
 * edit: its events (the human event an accept or relabel makes, the detected events a reject or
 * relabel cuts the segment out of) and the verdict itself, which stands while the step is done.
 */
import type { z } from 'zod';
import type { EventClass, Movie } from '../contract/domain.js';
import { badRequest } from '../contract/errors.js';
import type { reviewSchemas } from '../contract/review.js';
import { ReviewQueue } from '../analysis/review-queue.js';
import { publicEvent, type EventOp, type StoredEvent } from '../events/event-types.js';
import { cutOut, MIN_PIECE_S } from '../sed/review/cut.js';
import type { Project } from '../store/project.js';

type DecideParams = z.infer<(typeof reviewSchemas)['review.decide']>;
type Segment = DecideParams['segment'];

/** Events the queue's verdicts make are kept apart from hand-drawn ones, so their origin stays visible. */
const REVIEW_TRACK = 'review queue';

const span = (s: Segment) => `${s.start.toFixed(1)}–${s.end.toFixed(1)} s`;

function checkSegment(s: Segment, movie: Movie): void {
  if (!(s.end > s.start)) throw badRequest(`review.decide: a segment must end after it starts (start ${s.start}, end ${s.end})`);
  if (s.end > movie.duration + 1e-6) throw badRequest(`review.decide: segment ${span(s)} lies outside the film (0–${movie.duration.toFixed(1)} s)`);
}

/** Ops that cut the segment out of the film's detected events of its class; split-off pieces get new rows. */
function cutDetected(p: Project, s: Segment, events: readonly StoredEvent[]): { forward: EventOp[]; backward: EventOp[] } {
  const forward: EventOp[] = [];
  const backward: EventOp[] = [];
  for (const e of events) {
    if (e.source !== 'model' || e.label !== s.label || e.offset <= s.start || e.onset >= s.end) continue;
    const [first, second] = cutOut(e, s.start, s.end, MIN_PIECE_S);
    backward.push({ op: 'put', event: e });
    forward.push(first ? { op: 'put', event: { ...e, ...first } } : { op: 'del', id: e.id });
    if (!second) continue;
    const piece = p.events.put({ ...e, ...second, id: undefined });
    forward.push({ op: 'put', event: piece });
    backward.unshift({ op: 'del', id: piece.id });
  }
  return { forward, backward };
}

export function reviewHandlers(p: Project, changed: (movieId: number) => void) {
  const queue = new ReviewQueue(p);
  return {
    'review.queue': ({ movieId, limit }: z.infer<(typeof reviewSchemas)['review.queue']>) => {
      if (movieId !== undefined) p.movies.get(movieId);
      return queue.list({ movieId, limit });
    },
    'review.decide': (params: DecideParams) => {
      const s = params.segment;
      const movie = p.movies.get(s.movieId);
      checkSegment(s, movie);
      const newLabel: EventClass | null = params.verdict === 'relabel' ? params.label : null;
      if (newLabel === s.label) throw badRequest(`review.decide: the segment is already ${s.label}; accept it instead of relabelling`);
      const result = p.db.transaction(() => {
        // An accept leaves the detected events as they are; the other verdicts say the class is not there.
        const { forward, backward } = cutDetected(p, s, params.verdict === 'accept' ? [] : p.events.list(movie.id));
        if (params.verdict !== 'reject') {
          const trackId = p.events.track(movie.id, REVIEW_TRACK);
          const label = newLabel ?? s.label;
          const made = p.events.put({ trackId, movieId: movie.id, label, onset: s.start, offset: Math.min(s.end, movie.duration), source: 'human', confidence: null, modelVersion: null });
          forward.push({ op: 'put', event: made });
          backward.unshift({ op: 'del', id: made.id });
        }
        const what = newLabel ? `relabel ${s.label} → ${newLabel}` : `${params.verdict} ${s.label}`;
        p.history.apply(movie.id, `${what} ${span(s)}`, forward, backward);
        const decision = p.review.recordWithLastStep({ movieId: movie.id, label: s.label, start: s.start, end: s.end, verdict: params.verdict, newLabel });
        return { events: p.events.list(movie.id).map(publicEvent), history: p.history.state(), decision };
      }).immediate();
      changed(movie.id);
      return result;
    },
  };
}
