/**
 * The sound-semantics stage's output: per 25 Hz frame, each detector's class activity followed by its
 * BiGRU embedding, stored as descriptor set `sed.<group>` (what the valence models read), and the
 * model events post-processed from the stored activity.
 */
import { createHash } from 'node:crypto';
import { VALENCE_RATE_HZ, type EventGroup } from '../contract/domain.js';
import type { GroupFrames } from '../sed/detector.js';
import { INFERENCE_VERSION } from '../sed/inference.js';
import type { LoadedModel } from '../sed/model/model-io.js';
import { activityToEvents } from '../sed/postprocess.js';
import type { Project } from '../store/project.js';
import { withoutRejected } from '../sed/review/cut.js';

export const sedKind = (group: EventGroup) => `sed.${group}`;

export function sedDescriptorSpec(movieId: number, contentHash: string, group: EventGroup, model: LoadedModel) {
  const { classes, gruUnits } = model.model.config;
  const embeddingDims = 2 * gruUnits;
  const settingsHash = createHash('sha256').update(JSON.stringify({ version: model.meta.version, inference: INFERENCE_VERSION, contentHash })).digest('hex').slice(0, 16);
  const names = [...classes.map((c) => `${c}_activity`), ...Array.from({ length: embeddingDims }, (_, i) => `${group}_embedding[${i}]`)];
  return { movieId, kind: sedKind(group), settingsHash, rate: VALENCE_RATE_HZ, dims: names.length, names };
}

/** Rows of [activity | embedding] for a block of frames. */
export function sedRows(g: GroupFrames, count: number): Float32Array {
  const k = g.classes.length;
  const width = k + g.dims;
  const rows = new Float32Array(count * width);
  for (let f = 0; f < count; f++) {
    rows.set(g.activity.subarray(f * k, (f + 1) * k), f * width);
    rows.set(g.embedding.subarray(f * g.dims, (f + 1) * g.dims), f * width + k);
  }
  return rows;
}

/** The activity columns of a stored `sed.<group>` set, [frames × classes]. */
export function storedActivity(project: Project, setId: number, classes: number): Float32Array {
  const set = project.descriptors.get(setId);
  const rows = project.descriptors.read(setId);
  const out = new Float32Array(set.frames * classes);
  for (let f = 0; f < set.frames; f++) out.set(rows.subarray(f * set.dims, f * set.dims + classes), f * classes);
  return out;
}

/**
 * Replaces the detector's events on the movie with ones post-processed from the stored activity, in
 * one transaction. Events a researcher corrected are theirs (source 'human') and stay, and what the
 * review queue's verdicts rejected (reject, or the old class of a relabel) stays out.
 */
export function storeModelEvents(project: Project, movieId: number, group: EventGroup, setId: number, model: LoadedModel): number {
  const { classes } = model.model.config;
  const rejected = project.review.inEffect(movieId).filter((d) => d.verdict !== 'accept');
  const detected = withoutRejected(activityToEvents(storedActivity(project, setId, classes.length), classes, VALENCE_RATE_HZ, model.meta.postprocess), rejected);
  const duration = project.movies.get(movieId).duration;
  return project.db.transaction(() => {
    const track = project.events.track(movieId, `detector ${group}`);
    for (const e of project.events.list(movieId)) {
      if (e.trackId === track && e.source === 'model') project.events.delete(e.id);
    }
    for (const e of detected) {
      const offset = Math.min(e.offset, duration);
      if (offset <= e.onset) continue;
      project.events.put({
        trackId: track,
        movieId,
        label: e.label as (typeof classes)[number],
        onset: e.onset,
        offset,
        source: 'model',
        confidence: e.confidence,
        modelVersion: model.meta.version,
      });
    }
    return detected.length;
  }).immediate();
}
