/** The job that stores a movie's emobase2010 descriptors; resumes after the last stored chunk. */
import { VALENCE_RATE_HZ } from '../contract/domain.js';
import { badMedia } from '../contract/errors.js';
import { audioDescriptorSpec, createAudioDescriptorStage, warmupStartFrame } from '../analysis/audio-descriptors.js';
import { DescriptorSink } from '../analysis/descriptor-sink.js';
import { decodeAudioChunks } from '../media/decode-audio.js';
import type { Project } from '../store/project.js';
import { ANALYSIS_SAMPLE_RATE } from './import-movie.js';
import type { JobContext } from './job-types.js';

export async function computeAudioDescriptors(project: Project, { movieId }: { movieId: number }, ctx: JobContext) {
  const movie = project.movies.get(movieId);
  const set = project.descriptors.open(audioDescriptorSpec(movie.id, movie.contentHash));
  if (set.complete) return { setId: set.id, frames: set.frames, reused: true };
  const total = Math.ceil(movie.duration * VALENCE_RATE_HZ);
  const sink = new DescriptorSink(project.descriptors, set);
  const start = warmupStartFrame(sink.storedFrames);
  const stage = createAudioDescriptorStage(start, (frame, row) => sink.write(frame, row));
  let decoded = 0;
  ctx.progress(sink.storedFrames / total, 'audio descriptors');
  await decodeAudioChunks(
    movie.path,
    (chunk) => {
      ctx.throwIfCancelled();
      stage.push(chunk);
      decoded += chunk.length;
      ctx.progress(Math.min(1, (start + (decoded / ANALYSIS_SAMPLE_RATE) * VALENCE_RATE_HZ) / total), 'audio descriptors');
    },
    { sampleRate: ANALYSIS_SAMPLE_RATE, chunkSamples: ANALYSIS_SAMPLE_RATE * 4, signal: ctx.signal, start: start / VALENCE_RATE_HZ },
  );
  stage.finish();
  try {
    sink.finish(total);
  } catch {
    throw badMedia(`${movie.title} is shorter than one 400 ms analysis window; it has no audio descriptors`);
  }
  return { setId: set.id, frames: total, reused: false };
}
