/**
 * The frozen tagger's window features of a film (384-d embedding + 527 AudioSet logits every
 * 0.48 s), kept as descriptor set `tagger.<name>` (float16) so retraining a detector head on a
 * project's corrected events reads them in a second instead of re-running the tagger. Computed on
 * first use at the tagger's speed. Stored as float16: retraining reads values within 1e-3 of what
 * live inference computes, far below what the heads resolve.
 */
import { createHash } from 'node:crypto';
import type { Movie } from '../contract/domain.js';
import { decodeAudioChunks } from '../media/decode-audio.js';
import { EAT_MEL } from '../sed/tagger/efficientat-mel.js';
import { PITCH } from '../sed/tagger/pitch-track.js';
import { TAGGER, TAGGER_DIMS, TAGGER_STEP_S, TaggerStream, taggerSteps, type AudioTagger } from '../sed/tagger/tagger.js';
import type { DescriptorsRepo } from '../store/repos/descriptors.js';
import { DescriptorSink } from './descriptor-sink.js';

export const taggerKind = `tagger.${TAGGER.name}`;

export function taggerDescriptorSpec(movie: Pick<Movie, 'id' | 'contentHash'>) {
  // The features change with the tagger's windows, its front end and the pitch settings: all in the key.
  const settingsHash = createHash('sha256').update(JSON.stringify({ tagger: TAGGER, mel: EAT_MEL, pitch: PITCH, contentHash: movie.contentHash })).digest('hex').slice(0, 16);
  return { movieId: movie.id, kind: taggerKind, settingsHash, rate: 1 / TAGGER_STEP_S, dims: TAGGER_DIMS };
}

/**
 * Steps a resumed computation recomputes before the first one it keeps: a window reaches half a
 * step before its own, into the silence a fresh stream pads its start with.
 */
const WARMUP_STEPS = 2;

/**
 * [steps × TAGGER_DIMS] for the whole film, from the project when stored, else computed and stored
 * as it goes; an interrupted computation resumes after its last stored chunk.
 */
export async function taggerFeatures(repo: DescriptorsRepo, movie: Movie, tagger: AudioTagger, signal?: AbortSignal): Promise<Float32Array> {
  const set = repo.open(taggerDescriptorSpec(movie));
  if (set.complete) return repo.read(set.id);
  const sink = new DescriptorSink(repo, set, 'float16');
  // Decoding starts on a step boundary, so the stream's windows fall where an uninterrupted run's do.
  const first = Math.max(0, sink.storedFrames - WARMUP_STEPS);
  const stream = new TaggerStream(tagger);
  const store = (block: { start: number; count: number; features: Float32Array }) => {
    for (let i = 0; i < block.count; i++) sink.write(first + block.start + i, block.features.subarray(i * TAGGER_DIMS, (i + 1) * TAGGER_DIMS));
  };
  const samples = await decodeAudioChunks(movie.path, async (chunk) => store(await stream.push(chunk)), {
    sampleRate: TAGGER.inputRate,
    chunkSamples: TAGGER.inputRate * 30,
    signal,
    start: first * TAGGER_STEP_S,
  });
  store(await stream.finish());
  sink.finish(first + taggerSteps(samples));
  return repo.read(set.id);
}
