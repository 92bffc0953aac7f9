/**
 * Human sound event detection: what the rest of the app uses.
 *
 * - Detection: `SoundEventDetector.load()` then `session()` → `await push(pcm16k)` / `await finish()`
 *   give 25 Hz activity and embeddings per detector; `events()` the post-processed events.
 *   `detectFile` does the decoding too. The shipped detectors are tagger heads over the frozen
 *   EfficientAT tagger (`tagger/`, `head/`); the paper's CBRNN loads alike.
 * - Training: `trainHead` / `retrainHead` (tagger heads on cached tagger features),
 *   `trainFromRecordings` and `trainFromCorpus` (the CBRNN).
 * - Scoring: sed_eval's segment-based and event-based metrics.
 */
export { SoundEventDetector, DetectionSession, detectFile, defaultModelDir, SED_RATE_HZ, GROUPS } from './detector.js';
export type { SedFrames, GroupFrames, ModelEvent, DetectFileOptions, DetectFileResult } from './detector.js';
export { trainFromRecordings, trainingEvents } from './training/recordings-training.js';
export type { AnnotatedAudio, RecordingTrainingOptions } from './training/recordings-training.js';
export { trainFromCorpus } from './training/corpus-training.js';
export { trainHead } from './head/train-head.js';
export { retrainHead } from './head/recordings.js';
export { AudioTagger, TaggerStream, TAGGER, TAGGER_DIMS } from './tagger/tagger.js';
export { loadModel, readModelFile, saveModel } from './model/model-io.js';
export { activityToEvents, DEFAULT_POSTPROCESS } from './postprocess.js';
export type { ClassPostprocess, DetectedEvent } from './postprocess.js';
export { segmentBasedMetrics } from './metrics/segment-based.js';
export { eventBasedMetrics } from './metrics/event-based.js';
export type { SedMetrics } from './metrics/sed-eval-math.js';
