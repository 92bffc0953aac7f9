/**
 * The review queue over a project: per film and detector group, the stored `sed.<group>` activity read
 * with the thresholds of the detector that produced it (the version on the film's detected events,
 * else the active detector), cut into uncertain segments (sed/review), less those a person has
 * settled (standing verdicts, events people made or imported), ranked worst first across films.
 * Segments depend only on the stored activity and the detector, so they are kept per film and group
 * until either changes; verdicts and events are read afresh on every call.
 */
import { groupOf, type EventGroup, type Movie } from '../contract/domain.js';
import type { ReviewDecision, ReviewQueueResult, ReviewSegment } from '../contract/review.js';
import { publicEvent, type StoredEvent } from '../events/event-types.js';
import { GROUPS } from '../sed/detector.js';
import type { ModelFile } from '../sed/model/model-io.js';
import { uncertainSegments, unsettled, worstFirst, type LabelledSpan, type UncertainSegment } from '../sed/review/segments.js';
import { frameUncertainty } from '../sed/review/uncertainty.js';
import type { Project } from '../store/project.js';
import { shippedDetectorFiles } from './detector-versions.js';
import { projectDetectors, SED_MODEL_KIND } from './project-models.js';
import { sedKind, storedActivity } from './sed-descriptors.js';

export const DEFAULT_QUEUE_LIMIT = 200;

interface Detectors {
  byVersion: Map<string, ModelFile>;
  active: Partial<Record<EventGroup, ModelFile>>;
}

async function detectors(project: Project): Promise<Detectors> {
  const shipped = await shippedDetectorFiles();
  const own = project.models.list(SED_MODEL_KIND).map((m) => m.config as ModelFile);
  const chosen = projectDetectors(project);
  const active = Object.fromEntries(GROUPS.flatMap((g) => {
    const file = (chosen[g]?.config as ModelFile | undefined) ?? shipped[g];
    return file ? [[g, file]] : [];
  }));
  return { byVersion: new Map([...Object.values(shipped), ...own].map((f) => [f.version, f])), active };
}

/** What people have settled on a film: standing verdicts (a relabel settles both classes) and their own events. */
function settledSpans(decisions: readonly ReviewDecision[], events: readonly StoredEvent[]): LabelledSpan[] {
  const decided = decisions.flatMap((d) => [
    { label: d.label, start: d.start, end: d.end },
    ...(d.newLabel ? [{ label: d.newLabel, start: d.start, end: d.end }] : []),
  ]);
  const curated = events.filter((e) => e.source !== 'model').map((e) => ({ label: e.label, start: e.onset, end: e.offset }));
  return [...decided, ...curated];
}

type Candidate = UncertainSegment & { movieId: number; group: EventGroup; modelVersion: string };

export class ReviewQueue {
  /** Per film and group: the segments and what they were computed from. */
  readonly #segments = new Map<string, { key: string; segments: UncertainSegment[] }>();

  constructor(private readonly project: Project) {}

  async list({ movieId, limit = DEFAULT_QUEUE_LIMIT }: { movieId?: number; limit?: number }): Promise<ReviewQueueResult> {
    const p = this.project;
    const movies = movieId === undefined ? p.movies.list() : [p.movies.get(movieId)];
    const models = await detectors(p);
    const candidates: Candidate[] = [];
    const eventsOf = new Map<number, StoredEvent[]>();
    const unanalysed: ReviewQueueResult['unanalysed'] = [];
    let decided = 0;
    for (const movie of movies) {
      const events = p.events.list(movie.id);
      eventsOf.set(movie.id, events);
      const decisions = p.review.inEffect(movie.id);
      decided += decisions.length;
      const settled = settledSpans(decisions, events);
      let analysed = false;
      for (const group of GROUPS) {
        const found = this.#groupSegments(movie, group, events, models);
        if (!found) continue;
        analysed = true;
        const fresh = unsettled(found.segments, settled);
        candidates.push(...fresh.map((s) => ({ ...s, movieId: movie.id, group, modelVersion: found.version })));
      }
      if (!analysed) unanalysed.push({ movieId: movie.id, title: movie.title });
    }
    const titles = new Map(movies.map((m) => [m.id, m.title]));
    const segments = worstFirst(candidates)
      .slice(0, limit)
      .map((c): ReviewSegment => ({
        ...c,
        label: c.label as ReviewSegment['label'],
        title: titles.get(c.movieId)!,
        events: eventsOf.get(c.movieId)!.filter((e) => groupOf(e.label) === c.group && e.onset < c.end && e.offset > c.start).map(publicEvent),
      }));
    return { segments, total: candidates.length, decided, unanalysed };
  }

  /** The film's uncertain segments for one group, or null when it has no complete activity for it. */
  #groupSegments(movie: Movie, group: EventGroup, events: readonly StoredEvent[], models: Detectors): { segments: UncertainSegment[]; version: string } | null {
    const set = this.project.descriptors.find(movie.id, sedKind(group));
    if (!set?.complete) return null;
    // The activity and the events of an analysis come from one detector: its thresholds read the activity.
    const madeBy = events.find((e) => e.source === 'model' && e.modelVersion && groupOf(e.label) === group)?.modelVersion;
    const file = (madeBy && models.byVersion.get(madeBy)) || models.active[group];
    if (!file) return null;
    const key = `${set.id}|${set.createdAt}|${set.frames}|${file.version}`;
    const cached = this.#segments.get(`${movie.id}|${group}`);
    if (cached?.key === key) return { segments: cached.segments, version: file.version };
    const { classes } = file.config;
    const activity = storedActivity(this.project, set.id, classes.length);
    const segments = uncertainSegments(frameUncertainty(activity, file.postprocess), classes, set.rate);
    this.#segments.set(`${movie.id}|${group}`, { key, segments });
    return { segments, version: file.version };
  }
}
