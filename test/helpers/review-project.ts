/**
 * A project for the review queue's tests: films whose `sed.nonverbal` activity is written straight
 * into the store and read with the shipped non-verbal detector's thresholds (shouting 0.45, crying
 * 0.5, breathing 0.4, laughter 0.5). Each analysed film has crying on its threshold at 4–6 s
 * (detected as 3–8 s), shouting just under its threshold at 14–15 s and laughter, sure, at 10–12 s
 * (detected); the other films have no activity.
 */
import { join } from 'node:path';
import { shippedDetectorFiles } from '../../src-main/analysis/detector-versions.js';
import { PeaksBuilder } from '../../src-main/media/peaks.js';
import { Project } from '../../src-main/store/project.js';
import { tempDir } from './media.js';

export const REVIEW_FILM_SECONDS = 20;
const CLASSES = ['shouting', 'crying', 'breathing', 'laughter'] as const;

/** A waveform for the timeline to draw (the clip's tone, near enough). */
function tonePeaks() {
  const peaks = new PeaksBuilder(16000);
  peaks.push(Float32Array.from({ length: 16000 * REVIEW_FILM_SECONDS }, (_, i) => 0.3 * Math.sin(i / 6)));
  return peaks.finish();
}

export interface ReviewProjectOptions {
  analysed?: number;
  unanalysed?: number;
  /** A real media file for the player (its length should be REVIEW_FILM_SECONDS); by default none exists. */
  mediaPath?: string;
}

export async function reviewProject({ analysed = 1, unanalysed = 1, mediaPath }: ReviewProjectOptions = {}): Promise<{ path: string; films: number[]; others: number[] }> {
  const path = join(tempDir('vs-review-'), 'review.vsproj');
  const p = Project.open(path);
  const version = (await shippedDetectorFiles()).nonverbal!.version;
  const streams = mediaPath
    ? { audio: { codec: 'aac', sampleRate: 44100, channels: 1 }, video: { codec: 'h264', width: 320, height: 240, fps: 25 } }
    : { audio: null, video: null };
  const movie = (title: string) => {
    const id = p.movies.insert({ path: mediaPath ?? `/nowhere/${title}.mp4`, title, contentHash: title, sizeBytes: 1, duration: REVIEW_FILM_SECONDS, fps: 25, ...streams }).id;
    if (mediaPath) p.peaks.save(id, tonePeaks());
    return id;
  };
  const dims = CLASSES.length + 2;
  const rows = new Float32Array(REVIEW_FILM_SECONDS * 25 * dims).fill(0.01);
  const fill = (c: number, from: number, to: number, v: number) => {
    for (let f = from * 25; f < to * 25; f++) rows[f * dims + c] = v;
  };
  fill(1, 4, 6, 0.5);
  fill(0, 14, 15, 0.42);
  fill(3, 10, 12, 0.95);
  const films = Array.from({ length: analysed }, (_, i) => movie(`film ${i + 1}`));
  const others = Array.from({ length: unanalysed }, (_, i) => movie(`film ${analysed + i + 1}`));
  for (const film of films) {
    const set = p.descriptors.open({ movieId: film, kind: 'sed.nonverbal', settingsHash: 'test', rate: 25, dims, names: [...CLASSES.map((c) => `${c}_activity`), 'e0', 'e1'] });
    p.descriptors.append(set.id, rows);
    p.descriptors.markComplete(set.id);
    const track = p.events.track(film, 'detector nonverbal');
    for (const [label, onset, offset] of [['crying', 3, 8], ['laughter', 10, 12]] as const) {
      p.events.put({ trackId: track, movieId: film, label, onset, offset, source: 'model', confidence: 0.6, modelVersion: version });
    }
  }
  p.close();
  return { path, films, others };
}
