/**
 * A tiny labelled project written straight into the store (no media, no extractors): per movie a
 * valence trace, an `audio.emobase2010`-kind set whose first feature follows the event-free part
 * of the valence, and imported crying/laughter events that push valence to the extremes.
 */
import { join } from 'node:path';
import type { EventClass } from '../../../src-main/contract/domain.js';
import { Project } from '../../../src-main/store/project.js';
import { Rng } from '../../../src-main/util/random.js';

export function syntheticProject(dir: string, { movies = 3, seconds = 20, audioDims = 8 } = {}): Project {
  const project = Project.open(join(dir, 'synthetic.vsproj'));
  for (let k = 0; k < movies; k++) {
    const rng = new Rng(100 + k);
    const frames = seconds * 25;
    const movie = project.movies.insert({
      path: join(dir, `movie-${k}.mp4`),
      title: `movie-${k}`,
      contentHash: `hash-${k}`,
      sizeBytes: 1,
      duration: seconds,
      fps: 25,
      audio: null,
      video: null,
    });
    const valence = new Float32Array(frames);
    const audio = new Float32Array(frames * audioDims);
    const track = project.events.track(movie.id, 'reference');
    const events: { label: EventClass; onset: number; offset: number }[] = [];
    for (let t = 1; t < seconds - 2; t += 4) events.push({ label: rng.next() < 0.5 ? 'crying' : 'laughter', onset: t + rng.next(), offset: t + 2 });
    for (const e of events) project.events.put({ trackId: track, movieId: movie.id, label: e.label, onset: e.onset, offset: e.offset, source: 'import', confidence: null, modelVersion: null });
    for (let f = 0; f < frames; f++) {
      const base = 0.25 * Math.sin((2 * Math.PI * f) / (25 * 9) + k);
      const e = events.find((x) => f / 25 >= x.onset && f / 25 < x.offset);
      valence[f] = e ? (e.label === 'crying' ? -0.85 : 0.85) : base;
      for (let d = 0; d < audioDims; d++) audio[f * audioDims + d] = (d === 0 ? base * 4 : 0) + 0.3 * rng.normal();
    }
    project.valence.insert({ movieId: movie.id, kind: 'annotation', name: 'synthetic', rate: 25, values: valence });
    const set = project.descriptors.open({ movieId: movie.id, kind: 'audio.emobase2010', settingsHash: 'synthetic', rate: 25, dims: audioDims });
    project.descriptors.append(set.id, audio, 'float16');
    project.descriptors.markComplete(set.id);
  }
  return project;
}
