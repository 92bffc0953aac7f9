/**
 * Two detector versions of one group on the project's curated material: every film (or the one
 * asked for) with a soundtrack and human-made or imported events of the group, each detector's
 * events made from the film's tagger features and both scored on the same annotated windows.
 */
import { EVENT_CLASSES, groupOf, type EventGroup, type Movie } from '../../contract/domain.js';
import type { DetectorComparison } from '../../contract/compare.js';
import { badRequest } from '../../contract/errors.js';
import type { LabelledEvent } from '../../sed/data/soundscape.js';
import type { LoadedModel } from '../../sed/model/model-io.js';
import type { SedMetrics } from '../../sed/metrics/sed-eval-math.js';
import type { Project } from '../../store/project.js';
import { checkHead, filmFeatures, headEvents } from './detector-events.js';
import { scoreBoth, WINDOW_S, type FilmEvents } from './detector-scores.js';

export interface CuratedFilm {
  movie: Movie;
  reference: LabelledEvent[];
}

const groupWords = (g: EventGroup) => (g === 'verbal' ? 'verbal' : 'non-verbal');

/** The films the comparison scores on; refused with one line when there are none. */
export function curatedFilms(project: Project, group: EventGroup, movieId?: number): CuratedFilm[] {
  const movies = movieId === undefined ? project.movies.list() : [project.movies.get(movieId)];
  const films = movies.flatMap((movie) => {
    const reference = project.events
      .list(movie.id)
      .filter((e) => e.source !== 'model' && groupOf(e.label) === group)
      .map(({ label, onset, offset }) => ({ label, onset, offset }));
    return reference.length > 0 && movie.audio ? [{ movie, reference }] : [];
  });
  if (films.length > 0) return films;
  const where = movieId === undefined ? 'no film' : `film ${movieId} (${movies[0].title})`;
  throw badRequest(`${where} has human-made or imported ${groupWords(group)} events and a soundtrack to compare on; correct or import some events first`);
}

export type DetectorFigures = Omit<DetectorComparison, 'a' | 'b'>;

const macro = (m: [SedMetrics, SedMetrics]) => ({ a: m[0].classWiseAverage.fMeasure, b: m[1].classWiseAverage.fMeasure });

/** Both detectors (tagger heads of `group`) scored on `films`; the films' tagger features are computed where missing. */
export async function compareDetectors(project: Project, group: EventGroup, models: [LoadedModel, LoadedModel], films: CuratedFilm[]): Promise<DetectorFigures> {
  models.forEach(checkHead);
  const classes = EVENT_CLASSES.filter((c) => groupOf(c) === group);
  const { features, computed } = await filmFeatures(project.descriptors, films.map((f) => f.movie));
  const material: FilmEvents[] = [];
  for (const { movie, reference } of films) {
    const events = await Promise.all(models.map((m) => headEvents(m, features.get(movie.id)!, movie.duration)));
    material.push({ durationS: movie.duration, reference, estimated: [events[0], events[1]] });
  }
  const scores = scoreBoth(material, classes);
  const [a, b] = scores.overall;
  const title = (m: Movie) => ({ movieId: m.id, title: m.title });
  return {
    role: group,
    metric: 'macro segment F1',
    material: {
      films: films.length,
      windows: scores.windows,
      events: films.reduce((n, f) => n + f.reference.length, 0),
      note: `the ${WINDOW_S} s windows of each film that hold human-made or imported ${groupWords(group)} events, scored against those events alone`,
    },
    overall: macro(scores.overall),
    classes: classes.map((label) => ({ label, reference: a.classWise[label].nref, a: a.classWise[label].fMeasure, b: b.classWise[label].fMeasure })),
    films: films.map((f, i) => ({ ...title(f.movie), windows: scores.films[i].windows, events: f.reference.length, ...macro(scores.films[i].metrics) })),
    computed: computed.map(title),
  };
}
