/**
 * A project the size of a feature film without the film: a 2-hour movie row pointing at a short real
 * clip, waveform peaks, N events and two 25 Hz valence curves. For benchmarks and UI load tests.
 */
import { EVENT_CLASSES, VALENCE_RATE_HZ } from '../../src-main/contract/domain.js';
import { PeaksBuilder } from '../../src-main/media/peaks.js';
import { Project } from '../../src-main/store/project.js';
import { Rng } from '../../src-main/util/random.js';

export interface SyntheticProjectOptions {
  projectPath: string;
  /** A real media file for the player; its length does not matter. */
  mediaPath: string;
  seconds?: number;
  events?: number;
  seed?: number;
}

export function buildSyntheticProject({ projectPath, mediaPath, seconds = 7200, events = 5000, seed = 1 }: SyntheticProjectOptions): number {
  const rnd = new Rng(seed);
  const p = Project.open(projectPath);
  const movieId = p.db.transaction(() => {
    const movie = p.movies.insert({
      path: mediaPath,
      title: 'synthetic 2-hour film',
      contentHash: `synthetic-${seed}-${seconds}`,
      sizeBytes: 0,
      duration: seconds,
      fps: 25,
      audio: { codec: 'pcm', sampleRate: 16000, channels: 1 },
      video: { codec: 'h264', width: 1280, height: 720, fps: 25 },
    });
    // Peaks from a 100 Hz envelope-modulated noise (100 samples per bin keeps this fast).
    const peaks = new PeaksBuilder(10000);
    const block = new Float32Array(10000);
    for (let s = 0; s < seconds; s++) {
      const env = 0.2 + 0.7 * Math.abs(Math.sin(s / 37));
      for (let i = 0; i < block.length; i++) block[i] = (rnd.next() * 2 - 1) * env;
      peaks.push(block);
    }
    p.peaks.save(movie.id, peaks.finish());

    const track = p.events.track(movie.id, 'synthetic');
    for (let i = 0; i < events; i++) {
      const onset = rnd.next() * (seconds - 10);
      p.events.put({
        trackId: track,
        movieId: movie.id,
        label: EVENT_CLASSES[Math.floor(rnd.next() * EVENT_CLASSES.length)],
        onset,
        offset: onset + 0.3 + rnd.next() * 6,
        source: 'model',
        confidence: rnd.next(),
        modelVersion: 'synthetic',
      });
    }
    const n = seconds * VALENCE_RATE_HZ;
    const annotation = new Float32Array(n);
    const prediction = new Float32Array(n);
    let v = 0;
    for (let i = 0; i < n; i++) {
      v = Math.max(-1, Math.min(1, v + (rnd.next() - 0.5) * 0.02));
      annotation[i] = v;
      prediction[i] = Math.max(-1, Math.min(1, v + (rnd.next() - 0.5) * 0.3));
    }
    p.valence.insert({ movieId: movie.id, kind: 'annotation', name: 'synthetic annotation', rate: VALENCE_RATE_HZ, values: annotation });
    p.valence.insert({
      movieId: movie.id, kind: 'prediction', name: 'synthetic prediction', rate: VALENCE_RATE_HZ, values: prediction, modelVersion: 'synthetic',
    });
    return movie.id;
  })();
  p.close();
  return movieId;
}
