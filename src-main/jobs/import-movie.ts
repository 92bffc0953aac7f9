/**
 * Import = probe, hash, decode the soundtrack once to 16 kHz mono while building waveform peaks and the
 * spectrogram, then write the movie, its peaks and its spectrogram in one transaction: a failure at any
 * step leaves the project untouched.
 */
import { basename, extname, resolve } from 'node:path';
import type { Movie } from '../contract/domain.js';
import { badMedia, conflict } from '../contract/errors.js';
import type { JobParams } from '../contract/jobs.js';
import { decodeAudioChunks } from '../media/decode-audio.js';
import { hashFile } from '../media/hash.js';
import { PeaksBuilder } from '../media/peaks.js';
import { probeMedia, type MediaInfo } from '../media/probe.js';
import type { Project } from '../store/project.js';
import type { TaskContext } from '../util/task-context.js';
import { ANALYSIS_SAMPLE_RATE } from '../media/audio-rate.js';
import { SpectrogramSink } from './spectrogram.js';


/** Fast checks done before a job is even queued, so obviously bad files fail at once. */
export async function preflightImport(path: string): Promise<MediaInfo> {
  return probeMedia(resolve(path));
}

export async function importMovie(project: Project, { path }: JobParams<'import-movie'>, ctx: TaskContext): Promise<Movie> {
  const full = resolve(path);
  ctx.progress(0, 'reading the file');
  const info = await probeMedia(full);

  const hash = await hashFile(full, (n) => ctx.progress(0.15 * (n / info.sizeBytes), 'fingerprinting'), ctx.signal);
  const existing = project.movies.findByHash(hash);
  if (existing) throw conflict(`${basename(full)} is already in this project (movie ${existing.id}, ${existing.title})`);

  const peaks = new PeaksBuilder(ANALYSIS_SAMPLE_RATE);
  const spectrogram = new SpectrogramSink();
  let decoded = 0;
  await decodeAudioChunks(
    full,
    (chunk) => {
      peaks.push(chunk);
      spectrogram.push(chunk);
      decoded += chunk.length;
      ctx.progress(0.15 + 0.8 * Math.min(1, decoded / ANALYSIS_SAMPLE_RATE / info.duration), 'decoding the soundtrack');
    },
    { sampleRate: ANALYSIS_SAMPLE_RATE, signal: ctx.signal },
  );
  const decodedSeconds = decoded / ANALYSIS_SAMPLE_RATE;
  // A file cut short keeps its header's duration; decoding then stops early without an error.
  if (decodedSeconds < info.duration * 0.9 && info.duration - decodedSeconds > 0.5) {
    throw badMedia(
      `${basename(full)} seems truncated or damaged: its soundtrack ends at ${decodedSeconds.toFixed(1)} s of ${info.duration.toFixed(1)} s`,
    );
  }
  ctx.throwIfCancelled();
  ctx.progress(0.97, 'saving');
  const spectrogramLevels = spectrogram.finish();

  return project.db.transaction(() => {
    const movie = project.movies.insert({
      path: full,
      title: basename(full, extname(full)),
      contentHash: hash,
      sizeBytes: info.sizeBytes,
      duration: info.duration,
      fps: info.fps,
      audio: info.audio,
      video: info.video,
    });
    project.peaks.save(movie.id, peaks.finish());
    project.spectrograms.save(movie.id, spectrogramLevels);
    return movie;
  }).immediate();
}
