/**
 * The API's handlers for raters' valence traces: each change is one undoable step in the project's
 * edit history, written in one IMMEDIATE transaction, and checked against the film's length.
 */
import type { z } from 'zod';
import type { paramSchemas } from '../contract/api.js';
import { VALENCE_RATE_HZ } from '../contract/domain.js';
import { badRequest, notFound } from '../contract/errors.js';
import type { Edit } from '../events/event-edits.js';
import { deleteTraceEdit, smoothRange, writeRangeEdit, type CurrentTrace } from '../events/trace-edits.js';
import type { Project } from '../store/project.js';
import { exportTrace, importTraces } from './trace-files.js';
import { agreement } from '../valence/stats/agreement.js';
import { raterTraces } from '../valence/stats/rater-traces.js';

type Params<M extends keyof typeof paramSchemas> = z.infer<(typeof paramSchemas)[M]>;

export function traceHandlers(p: Project, changed: (movieId: number) => void) {
  const current = (movieId: number, rater: string): CurrentTrace | null => {
    const s = p.valence.byRater(movieId, rater);
    return s ? { name: s.name, values: p.valence.values(s.id) } : null;
  };
  const apply = (movieId: number, edit: Edit) => {
    p.history.apply(movieId, edit.label, edit.forward, edit.backward);
    return { series: p.valence.list(movieId), history: p.history.state() };
  };
  const framesOf = (movieId: number) => Math.ceil(p.movies.get(movieId).duration * VALENCE_RATE_HZ);

  return {
    'valence.editTrace': ({ movieId, rater, start, edit }: Params<'valence.editTrace'>) => {
      const frames = framesOf(movieId);
      const end = edit.kind === 'values' ? start + edit.values.length : edit.end;
      if (end <= start || end > frames) throw badRequest(`frames ${start}–${end} do not lie inside the film (0–${frames})`);
      const result = p.db
        .transaction(() => {
          const key = { movieId, rater };
          const trace = current(movieId, rater);
          if (edit.kind === 'values') return apply(movieId, writeRangeEdit(key, trace, start, edit.values, `rate ${rater} ${seconds(start)}–${seconds(end)}`));
          if (edit.kind === 'constant') {
            return apply(movieId, writeRangeEdit(key, trace, start, new Float32Array(end - start).fill(edit.value), `set ${rater} ${seconds(start)}–${seconds(end)} to ${edit.value}`));
          }
          if (!trace) throw notFound(`${rater} has no trace on this film to smooth`);
          const stop = Math.min(end, trace.values.length);
          if (stop <= start) throw badRequest(`${rater}'s trace has no frames in ${seconds(start)}–${seconds(end)}`);
          return apply(movieId, writeRangeEdit(key, trace, start, smoothRange(trace.values, start, stop, edit.radius), `smooth ${rater} ${seconds(start)}–${seconds(stop)}`, true));
        })
        .immediate();
      changed(movieId);
      return result;
    },
    'valence.importTraces': (params: Params<'valence.importTraces'>) => {
      const result = importTraces(p, params);
      changed(params.movieId);
      return result;
    },
    'valence.exportTrace': (params: Params<'valence.exportTrace'>) => exportTrace(p, params),
    'valence.agreement': ({ movieId }: Params<'valence.agreement'>) => {
      p.movies.get(movieId);
      const raters = raterTraces(p.valence.list(movieId));
      return { ...agreement(raters.map((r) => p.valence.values(r.seriesId))), rater_names: raters.map((r) => r.rater) };
    },
    'valence.deleteTrace': ({ movieId, rater }: Params<'valence.deleteTrace'>) => {
      p.movies.get(movieId);
      const result = p.db
        .transaction(() => {
          const trace = current(movieId, rater);
          if (!trace) throw notFound(`${rater} has no trace on this film`);
          return apply(movieId, deleteTraceEdit({ movieId, rater }, trace, `delete ${rater}'s trace`));
        })
        .immediate();
      changed(movieId);
      return result;
    },
  };
}

const seconds = (frame: number) => `${(frame / VALENCE_RATE_HZ).toFixed(2)} s`;
