/**
 * Rating files in and out of a project, for the app and the CLI alike: every file is parsed and
 * checked before anything is written, an import is one undoable step, and an export writes one sample
 * per 25 Hz frame of the film.
 */
import { basename, extname } from 'node:path';
import type { z } from 'zod';
import type { paramSchemas } from '../contract/api.js';
import { VALENCE_RATE_HZ } from '../contract/domain.js';
import { badRequest, notFound } from '../contract/errors.js';
import { replaceTraceEdit } from '../events/trace-edits.js';
import type { Project } from '../store/project.js';
import { meanTrace } from '../contract/traces.js';
import { detectFormat, parseTrace, ratedFrames, resampleToFrames, traceSources, withoutUnratedTail, writeTrace } from '../valence/formats/index.js';
import { raterTraces } from '../valence/stats/rater-traces.js';

type Params<M extends keyof typeof paramSchemas> = z.infer<(typeof paramSchemas)[M]>;

const stem = (name: string) => basename(name, extname(name));

export function importTraces(p: Project, { movieId, format, rater, files }: Params<'valence.importTraces'>) {
  const movie = p.movies.get(movieId);
  const frames = Math.ceil(movie.duration * VALENCE_RATE_HZ);
  const sources = traceSources(files);
  if (rater !== undefined && sources.length > 1) throw badRequest(`a rater name names one trace, but ${sources.length} were given; several files are named by their file names`);
  const traces = sources.map((group) => {
    const file = (group.find((f) => !f.name.endsWith('~')) ?? group[0]).name;
    const trace = parseTrace(format === 'auto' ? detectFormat(group) : format, group);
    const values = withoutUnratedTail(resampleToFrames(trace, frames));
    if (ratedFrames(values) === 0) throw badRequest(`${file}: none of its ratings falls within the film's ${movie.duration.toFixed(2)} s`);
    const name = (rater ?? stem(file)).trim();
    if (name.length === 0 || name.length > 80) throw badRequest(`rater name '${name}' must be 1–80 characters`);
    return { file, rater: name, values, cut: trace.samples.time[trace.samples.time.length - 1] > frames / VALENCE_RATE_HZ };
  });
  const twice = traces.find((t, i) => traces.findIndex((u) => u.rater === t.rater) !== i);
  if (twice) throw badRequest(`two files would both be rater '${twice.rater}'; import them one at a time with a rater name`);
  return p.db
    .transaction(() => {
      const olds = traces.map((t) => p.valence.byRater(movieId, t.rater));
      const edits = traces.map((t, i) => {
        const old = olds[i];
        const current = old ? { name: old.name, values: p.valence.values(old.id) } : null;
        return replaceTraceEdit({ movieId, rater: t.rater }, current, basename(t.file), t.values, `import ${t.rater}'s trace`);
      });
      const label = edits.length === 1 ? edits[0].label : `import ${edits.length} raters' traces`;
      p.history.apply(movieId, label, edits.flatMap((e) => e.forward), edits.flatMap((e) => e.backward));
      const imported = traces.map((t, i) => ({ rater: t.rater, file: t.file, frames: t.values.length, rated: ratedFrames(t.values), replaced: olds[i] !== null, cut: t.cut }));
      return { series: p.valence.list(movieId), history: p.history.state(), imported };
    })
    .immediate();
}

export function exportTrace(p: Project, { movieId, rater, format, name }: Params<'valence.exportTrace'>) {
  const movie = p.movies.get(movieId);
  const raters = raterTraces(p.valence.list(movieId));
  if (raters.length === 0) throw notFound(`movie ${movie.id} (${movie.title}) has no rater's trace`);
  const values = new Float32Array(Math.ceil(movie.duration * VALENCE_RATE_HZ)).fill(Number.NaN);
  const film = basename(movie.path);
  let about: { rater: string; film: string; ratedAt?: string };
  if (rater === undefined) {
    values.set(meanTrace(raters.map((r) => p.valence.values(r.seriesId))).subarray(0, values.length));
    about = { rater: `mean of ${raters.map((r) => r.rater).join(', ')}`, film };
  } else {
    const chosen = raters.find((r) => r.rater === rater);
    if (!chosen) throw notFound(`movie ${movie.id} has no trace by '${rater}'; its raters: ${raters.map((r) => r.rater).join(', ')}`);
    values.set(p.valence.values(chosen.seriesId).subarray(0, values.length));
    about = { rater, film, ratedAt: p.valence.info(chosen.seriesId).createdAt };
  }
  const rated = ratedFrames(values);
  if (rated === 0) throw badRequest(`${about.rater}: no frame of the film is rated; nothing to export`);
  return { files: writeTrace(format, values, name, about), rater: about.rater, frames: values.length, rated };
}
