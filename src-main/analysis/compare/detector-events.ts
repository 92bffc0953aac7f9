/**
 * A tagger-head detector's events on a film from the film's cached tagger features, made as Analyze
 * makes them: the same chunked inference (sed/inference), the steps spread over 25 Hz frames and the
 * model's own post-processing. Seconds per film instead of the tagger's minutes; the features are
 * stored as float16, which moves activity by about 1e-3. The tagger's features are read from the
 * project where cached, else computed once with one tagger and cached, as a retrain caches them.
 */
import type { EventClass, Movie } from '../../contract/domain.js';
import { badRequest } from '../../contract/errors.js';
import { SED_RATE_HZ } from '../../sed/detector.js';
import { framesOf } from '../../sed/head/evaluate-head.js';
import { stepsToFrames } from '../../sed/head/steps.js';
import { FramePredictor } from '../../sed/inference.js';
import { isHead, type LoadedModel } from '../../sed/model/model-io.js';
import { openDetectorOnnx } from '../../sed/onnx/detector-onnx.js';
import { activityToEvents, type DetectedEvent } from '../../sed/postprocess.js';
import { AudioTagger, TAGGER_DIMS } from '../../sed/tagger/tagger.js';
import type { DescriptorsRepo } from '../../store/repos/descriptors.js';
import { concatFloat32 } from '../../util/float32.js';
import { taggerDescriptorSpec, taggerFeatures, taggerKind } from '../tagger-features.js';

export type FilmEvent = DetectedEvent & { label: EventClass };

/** Refused for a CBRNN: it reads log-mels of the audio, which nothing caches. */
export function checkHead(loaded: LoadedModel): void {
  if (!isHead(loaded.model)) throw badRequest(`${loaded.meta.version} is a CBRNN over log-mel spectrograms; only tagger-head detectors can be compared (from the films' cached tagger features)`);
}

/** Tagger steps fed at a time (about 5 min of film): other API calls are served in between. */
const SLICE_STEPS = 640;

/** The detector's events on a film of `durationS` seconds whose tagger features are `features`. */
export async function headEvents(loaded: LoadedModel, features: Float32Array, durationS: number): Promise<FilmEvent[]> {
  checkHead(loaded);
  const { classes } = loaded.model.config;
  // Streamed in slices: a step's output depends on its window only, so this equals one whole-array call.
  // On ONNX Runtime, as Analyze runs the heads.
  const onnx = await openDetectorOnnx(loaded.model);
  const parts: Float32Array[] = [];
  try {
    const predictor = new FramePredictor(loaded.model, { compute: onnx.compute });
    for (let at = 0; at < features.length; at += SLICE_STEPS * TAGGER_DIMS) {
      parts.push((await predictor.pushAsync(features.subarray(at, at + SLICE_STEPS * TAGGER_DIMS))).activity);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    parts.push((await predictor.finishAsync()).activity);
  } finally {
    await onnx.release();
  }
  const frames = stepsToFrames(concatFloat32(parts), classes.length, framesOf(durationS));
  return activityToEvents(frames, classes, SED_RATE_HZ, loaded.meta.postprocess) as FilmEvent[];
}

/** The film's complete tagger features in the project, or null. */
function cachedSet(repo: DescriptorsRepo, movie: Movie) {
  const set = repo.find(movie.id, taggerKind);
  return set !== null && set.complete && set.settingsHash === taggerDescriptorSpec(movie).settingsHash ? set : null;
}

/** Each film's tagger features (by movie id), and the films they had to be computed for. */
export async function filmFeatures(repo: DescriptorsRepo, movies: readonly Movie[]): Promise<{ features: Map<number, Float32Array>; computed: Movie[] }> {
  const features = new Map<number, Float32Array>();
  const computed: Movie[] = [];
  // The tagger is loaded only when some film needs it: comparing on cached features never starts it.
  let tagger: AudioTagger | null = null;
  try {
    for (const movie of movies) {
      const set = cachedSet(repo, movie);
      if (set) {
        features.set(movie.id, repo.read(set.id));
        continue;
      }
      tagger ??= await AudioTagger.load();
      features.set(movie.id, await taggerFeatures(repo, movie, tagger));
      computed.push(movie);
    }
    return { features, computed };
  } finally {
    await tagger?.release();
  }
}
