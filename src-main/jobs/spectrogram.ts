/**
 * A film's spectrogram from its 16 kHz soundtrack, through the detectors' log-mel front end. Import
 * builds it on the same decode as the peaks; this job builds it for films imported before spectrograms
 * were stored (or re-builds it), decoding the soundtrack once more.
 */
import type { JobParams, JobResult } from '../contract/jobs.js';
import { ANALYSIS_SAMPLE_RATE } from '../media/audio-rate.js';
import { decodeAudioChunks } from '../media/decode-audio.js';
import { SpectrogramBuilder, columnCount, type SpectrogramLevel } from '../media/spectrogram.js';
import { LOG_MEL, LogMelStream } from '../sed/frontend/log-mel.js';
import type { Project } from '../store/project.js';
import type { TaskContext } from '../util/task-context.js';

/** Takes 16 kHz mono chunks as they are decoded. */
export class SpectrogramSink {
  readonly #mel = new LogMelStream();
  readonly #builder = new SpectrogramBuilder(LOG_MEL.bands);

  push(chunk: Float32Array): void {
    this.#builder.push(this.#mel.push(chunk));
  }

  finish(): SpectrogramLevel[] {
    this.#builder.push(this.#mel.finish());
    return this.#builder.finish();
  }
}

export async function computeSpectrogram(project: Project, { movieId }: JobParams<'spectrogram'>, ctx: TaskContext): Promise<JobResult<'spectrogram'>> {
  const movie = project.movies.get(movieId);
  const sink = new SpectrogramSink();
  let decoded = 0;
  ctx.progress(0, 'decoding the soundtrack');
  await decodeAudioChunks(
    movie.path,
    (chunk) => {
      sink.push(chunk);
      decoded += chunk.length;
      ctx.progress(0.95 * Math.min(1, decoded / ANALYSIS_SAMPLE_RATE / movie.duration), 'spectrogram');
    },
    { sampleRate: ANALYSIS_SAMPLE_RATE, signal: ctx.signal },
  );
  ctx.throwIfCancelled();
  const levels = sink.finish();
  project.spectrograms.save(movieId, levels);
  return { columns: columnCount(levels[0]), levels: levels.length };
}
