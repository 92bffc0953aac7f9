/**
 * Table I of the paper, per human sound event class: total duration, instances, mean valence
 * during the events, and co-occurrence with the extreme classes. Co-occurrence is read as the
 * paper's figures imply (speech 26.76 %, crying 2.53 %): the share of all extreme-class frames
 * (classes 1, 2, 6, 7) that fall inside an event of the class, in percent.
 */
import { EVENT_CLASSES, groupOf, type EventClass, type EventGroup } from '../../contract/domain.js';
import type { EvalMovie } from '../data/eval-movie.js';
import { EXTREME_CLASSES } from '../data/labels.js';

export interface TableOneRow {
  label: EventClass;
  group: EventGroup;
  durationSeconds: number;
  instances: number;
  /** Mean continuous valence over frames inside the class's events; null when there are none. */
  meanValence: number | null;
  /** % of extreme-class frames inside an event of this class; null when no frame is extreme. */
  cooccurrencePct: number | null;
}

export type TableOneInput = Pick<EvalMovie, 'valence' | 'classes' | 'masks' | 'events' | 'frames'>;

export function tableOne(movies: TableOneInput[]): TableOneRow[] {
  const extreme = new Set(EXTREME_CLASSES);
  let extremeFrames = 0;
  for (const m of movies) for (let f = 0; f < m.frames; f++) extremeFrames += extreme.has(m.classes[f]) ? 1 : 0;
  return EVENT_CLASSES.map((label) => {
    let durationSeconds = 0;
    let instances = 0;
    let valenceSum = 0;
    let inside = 0;
    let insideExtreme = 0;
    for (const m of movies) {
      for (const e of m.events) {
        if (e.label !== label) continue;
        durationSeconds += e.offset - e.onset;
        instances++;
      }
      const mask = m.masks.get(label)!;
      for (let f = 0; f < m.frames; f++) {
        if (!mask[f]) continue;
        valenceSum += m.valence[f];
        inside++;
        insideExtreme += extreme.has(m.classes[f]) ? 1 : 0;
      }
    }
    return {
      label,
      group: groupOf(label),
      durationSeconds,
      instances,
      meanValence: inside > 0 ? valenceSum / inside : null,
      cooccurrencePct: extremeFrames > 0 ? (100 * insideExtreme) / extremeFrames : null,
    };
  });
}
