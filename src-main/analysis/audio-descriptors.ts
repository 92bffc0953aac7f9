/**
 * The audio-descriptor stage: emobase2010 rows on the 25 Hz film grid (row k = the 400 ms window
 * starting at k·40 ms). It can start mid-film: decoding begins WARMUP_FRAMES before the first frame
 * needed so the smoothing, delta and pitch contexts have settled when rows are kept.
 */
import { createHash } from 'node:crypto';
import { createEmobase2010Extractor } from '../features/emobase2010/extractor.js';
import { FEATURE_COUNT, featureNames } from '../features/emobase2010/names.js';
import { SAMPLE_RATE } from '../features/emobase2010/config.js';
import { VALENCE_RATE_HZ } from '../contract/domain.js';

export const AUDIO_DESCRIPTOR_KIND = 'audio.emobase2010';
const EXTRACTOR_VERSION = 1;
export const WARMUP_FRAMES = 50;

export function audioDescriptorSpec(movieId: number, contentHash: string) {
  const settingsHash = createHash('sha256').update(JSON.stringify({ EXTRACTOR_VERSION, SAMPLE_RATE, contentHash })).digest('hex').slice(0, 16);
  return { movieId, kind: AUDIO_DESCRIPTOR_KIND, settingsHash, rate: VALENCE_RATE_HZ, dims: FEATURE_COUNT, names: featureNames() };
}

/** Where to start decoding to resume at `firstNeeded`, on the 40 ms grid. */
export function warmupStartFrame(firstNeeded: number): number {
  return Math.max(0, firstNeeded - WARMUP_FRAMES);
}

/** PCM (16 kHz mono, starting at film frame `startFrame`) in; rows out with their absolute frame index. */
export function createAudioDescriptorStage(startFrame: number, onRow: (frame: number, row: Float32Array) => void) {
  const perRow = SAMPLE_RATE / VALENCE_RATE_HZ;
  return createEmobase2010Extractor({
    onFrame: (row, frameTime) => onRow(startFrame + Math.round((frameTime * SAMPLE_RATE) / perRow), row),
  });
}
