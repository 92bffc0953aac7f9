/**
 * Soundscape synthesis: plans are reproducible from the seed, events carry the placed boundaries,
 * frame targets follow the centre rule, the mel-domain renderer agrees with mixing the waveform
 * and running the real front end, and the active span trims leading and trailing silence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventClass } from '../../../src-main/contract/domain.js';
import { activeSpan } from '../../../src-main/sed/data/active-span.js';
import { melPower, renderMelSoundscape } from '../../../src-main/sed/data/mel-mix.js';
import { Rng } from '../../../src-main/util/random.js';
import { DEFAULT_SOUNDSCAPE, frameTargets, planSoundscape, renderSoundscape, type SourceClip } from '../../../src-main/sed/data/soundscape.js';
import { synthBed } from '../../../src-main/sed/data/backgrounds.js';
import { logMel } from '../../../src-main/sed/frontend/log-mel.js';

const sr = 16000;
function toneClip(label: EventClass, hz: number, seconds: number, silence = 0.3): SourceClip {
  const n = Math.round((seconds + 2 * silence) * sr);
  const samples = new Float32Array(n);
  const s0 = Math.round(silence * sr);
  for (let i = s0; i < n - s0; i++) samples[i] = 0.3 * Math.sin((2 * Math.PI * hz * i) / sr) * (1 + 0.3 * Math.sin(i / 500));
  return { label, samples, span: activeSpan(samples)! };
}

const pool = new Map<EventClass, SourceClip[]>([
  ['speech_male', [toneClip('speech_male', 150, 1.2), toneClip('speech_male', 180, 2.5)]],
  ['crying', [toneClip('crying', 450, 8)]],
]);

test('active span trims leading and trailing silence', () => {
  const clip = toneClip('laughter', 300, 1, 0.5);
  assert.ok(Math.abs(clip.span.start / sr - 0.5) < 0.03, `start ${clip.span.start / sr}`);
  assert.ok(Math.abs(clip.span.end / sr - 1.5) < 0.03, `end ${clip.span.end / sr}`);
  assert.equal(activeSpan(new Float32Array(8000)), null);
});

test('plans are reproducible and events match placements', () => {
  const options = { ...DEFAULT_SOUNDSCAPE, eventCount: [3, 3] as [number, number] };
  const a = planSoundscape(pool, options, new Rng(7));
  const b = planSoundscape(pool, options, new Rng(7));
  assert.deepEqual(a.events, b.events);
  assert.equal(a.events.length, 3);
  for (const e of a.events) {
    assert.ok(e.onset >= 0 && e.offset <= options.durationS && e.offset > e.onset);
    // Long clips are cut to at most maxEventS.
    assert.ok(e.offset - e.onset <= options.maxEventS + 1e-9);
  }
});

test('frame targets use the frame-centre rule at 25 Hz', () => {
  const t = frameTargets([{ label: 'crying', onset: 0.05, offset: 0.13 }], ['speech_male', 'crying'], 5, 25);
  // Frame centres 0.02, 0.06, 0.10, 0.14, 0.18: frames 1 and 2 are inside [0.05, 0.13).
  assert.deepEqual(Array.from(t), [0, 0, 0, 1, 0, 1, 0, 0, 0, 0]);
});

test('the mel-domain mixture is close to mixing waveforms', () => {
  const rng = new Rng(3);
  const bed = synthBed('noise', 11 * sr, sr, rng.fork(1));
  const plan = planSoundscape(pool, { ...DEFAULT_SOUNDSCAPE, eventCount: [3, 3], lowPassProbability: 0.5 }, rng);
  const reference = logMel(renderSoundscape(plan, bed));
  const powers = new Map([...pool.values()].flat().map((c) => [c, melPower(c.samples)] as const));
  const fast = renderMelSoundscape(plan, (c) => powers.get(c)!, melPower(bed), 0);
  assert.equal(fast.length, reference.length);
  // Per-value differences come from phase (cross terms); the average log-energy must agree.
  let diff = 0;
  for (let i = 0; i < fast.length; i++) diff += Math.abs(fast[i] - reference[i]);
  assert.ok(diff / fast.length < 0.1, `mean |Δ log-mel| ${diff / fast.length}`);
});
