/**
 * Parity with openSMILE 3.0.2's emobase2010 on the four reference clips in ../shared (frame-wise
 * functionals, 10 ms LLDs, whole-input functionals). The thresholds are the levels measured when these
 * tests were written, rounded down; docs/features.md explains each one that is below the issue's target.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeAudio } from '../../../src-main/media/decode-audio.js';
import { createEmobase2010Extractor } from '../../../src-main/features/emobase2010/extractor.js';
import { featureNames, lldColumnNames } from '../../../src-main/features/emobase2010/names.js';
import {
  agreement, CLIPS, column, groupOf, haveReference, meanRelativeError, median, referenceFramewise, referenceLld, referenceNames,
  referenceWav, referenceWholeFile, SPEECH_CLIPS, type Clip,
} from '../../helpers/features/reference-data.js';

const SKIP = '../shared reference data not found';

async function extract(clip: Clip) {
  const samples = await decodeAudio(referenceWav(clip), { sampleRate: 16000 });
  const frames: Float32Array[] = [];
  const times: number[] = [];
  const llds: Float32Array[] = [];
  const extractor = createEmobase2010Extractor({
    wholeFile: true,
    onFrame: (row, time) => {
      frames.push(row.slice());
      times.push(time);
    },
    onLld: (row) => llds.push(row.slice()),
  });
  // Odd-sized chunks, so the streaming path is what is checked.
  for (let i = 0; i < samples.length; i += 3001) extractor.push(samples.subarray(i, i + 3001));
  const whole = extractor.finish()!;
  return { frames, times, llds, whole };
}

/** Per-dimension agreement of two row sets. */
function agreements(mine: ArrayLike<number>[], ref: number[][], dims: number): number[] {
  return Array.from({ length: dims }, (_, d) => agreement(column(mine, d), column(ref, d)));
}

const fraction = (xs: number[], pass: (x: number) => boolean) => xs.filter(pass).length / xs.length;
const SPECTRAL = ['pcm_loudness', 'pcm_fftMag_mfcc', 'logMelFreqBand', 'lspFreq'];

test('generated names equal openSMILE\'s', (t) => {
  if (!haveReference) return t.skip(SKIP);
  assert.deepEqual(featureNames(), referenceNames('emobase2010_feature_names_1582.txt'));
  assert.deepEqual(lldColumnNames(), referenceNames('emobase2010_lld_names_76.txt'));
});

for (const clip of CLIPS) {
  test(`emobase2010 parity: ${clip}`, async (t) => {
    if (!haveReference) return t.skip(SKIP);
    const mine = await extract(clip);
    const refFrames = referenceFramewise(clip);
    const refLld = referenceLld(clip);
    const refWhole = referenceWholeFile(clip);
    const names = featureNames();
    const lldNames = lldColumnNames();

    await t.test('same rows and times as openSMILE', () => {
      assert.equal(mine.frames.length, refFrames.values.length);
      assert.deepEqual(mine.times.map((s) => s.toFixed(6)), refFrames.keys.map((k) => k[1]));
      assert.equal(mine.llds.length, refLld.values.length);
      for (const row of [...mine.frames, ...mine.llds, mine.whole]) assert.ok(row.every(Number.isFinite), 'no NaN or Infinity');
    });

    const frameAgreement = agreements(mine.frames, refFrames.values, names.length);
    const lldAgreement = agreements(mine.llds, refLld.values, lldNames.length);
    const byGroup = new Map<string, number[]>();
    names.forEach((n, d) => byGroup.set(groupOf(n), [...(byGroup.get(groupOf(n)) ?? []), frameAgreement[d]]));
    for (const [group, xs] of byGroup) {
      t.diagnostic(`${group}: ${xs.length} dims, min r ${Math.min(...xs).toFixed(4)}, median r ${median(xs).toFixed(5)}, ${(fraction(xs, (x) => x >= 0.99) * 100).toFixed(1)}% >= 0.99`);
    }
    const share = fraction(frameAgreement, (r) => r >= 0.99);
    t.diagnostic(`${(share * 100).toFixed(2)}% of 1582 frame-wise dims with r >= 0.99`);

    // A pure tone makes order-8 LPC ill-conditioned: openSMILE's LSPs for it are rounding noise (see docs).
    const exempt = (n: string) => clip === 'd_sine440_tremolo5Hz_5s' && n.startsWith('lspFreq');
    const exemptDims = names.map((n, d) => (exempt(n) ? d : -1)).filter((d) => d >= 0);
    const checked = frameAgreement.filter((_, d) => !exempt(names[d]));
    const checkedShare = fraction(checked, (r) => r >= 0.99);

    await t.test('>= 98% of the frame-wise dims correlate >= 0.99 (LSP of the pure tone excluded)', () => {
      assert.ok(checkedShare >= 0.98, `${(checkedShare * 100).toFixed(2)}%`);
    });

    if (exemptDims.length > 0) {
      await t.test('pure tone: LSP contours have the right mean (within 3%) though not the right wiggles', () => {
        const lsp = lldNames.map((n, d) => [n, d] as const).filter(([n]) => n.startsWith('lspFreq_sma['));
        const errs = lsp.map(([, d]) => meanRelativeError(column(mine.llds, d), column(refLld.values, d)));
        t.diagnostic(`pure tone LSP mean errors: ${errs.map((e) => e.toFixed(4)).join(' ')}`);
        assert.ok(Math.max(...errs) <= 0.03);
      });
    }

    if (SPEECH_CLIPS.includes(clip)) {
      await t.test('speech: >= 99% of the 1582 frame-wise dims correlate >= 0.99 (target 90%)', () => {
        assert.ok(share >= 0.99, `${(share * 100).toFixed(2)}%`);
      });
      await t.test('speech: mean across windows within 1% (of |mean| or spread) for >= 99% of dims', () => {
        const errs = names.map((_, d) => meanRelativeError(column(mine.frames, d), column(refFrames.values, d)));
        assert.ok(fraction(errs, (e) => e <= 0.01) >= 0.99);
      });
    }

    await t.test('spectral LLD contours (loudness, MFCC, log-mel, LSP and deltas) correlate >= 0.999', () => {
      const low = lldNames.filter((n, d) => SPECTRAL.some((g) => n.startsWith(g)) && !exempt(n) && lldAgreement[d] < 0.999);
      assert.deepEqual(low, []);
    });

    await t.test('pitch-synchronous LLD contours correlate >= 0.999 (or agree exactly where constant)', () => {
      const pitchDims = lldNames.map((n, d) => [n, d] as const).filter(([n]) => !SPECTRAL.some((g) => n.startsWith(g)));
      const low = pitchDims.filter(([, d]) => lldAgreement[d] < 0.999).map(([n]) => n);
      assert.deepEqual(low, []);
    });

    await t.test('voicing decisions agree on >= 99% of 10 ms frames and F0 is within 2% on >= 99% of frames voiced in both', () => {
      const f0 = lldNames.indexOf('F0final_sma');
      const a = column(mine.llds, f0);
      const b = column(refLld.values, f0);
      const agree = fraction(a.map((v, i) => (v > 0) === (b[i] > 0) ? 1 : 0), (x) => x === 1);
      const both = a.map((v, i) => [v, b[i]]).filter(([x, y]) => x > 0 && y > 0);
      const close = both.length ? fraction(both.map(([x, y]) => Math.abs(x - y) / y), (e) => e <= 0.02) : 1;
      t.diagnostic(`voicing agreement ${(agree * 100).toFixed(2)}%, F0 within 2% on ${(close * 100).toFixed(2)}% of ${both.length} frames`);
      assert.ok(agree >= 0.99);
      assert.ok(close >= 0.99);
    });

    await t.test('whole-input functionals: >= 97% of dims within 1e-3 relative (LSP of the pure tone excluded)', () => {
      const dims = names.map((n, d) => [n, d] as const).filter(([n]) => !exempt(n));
      const ok = dims.filter(([, d]) => {
        const r = refWhole.values[0][d];
        return Math.abs(mine.whole[d] - r) <= 1e-3 * Math.abs(r) + 1e-6;
      }).length;
      t.diagnostic(`whole-input: ${ok} of ${dims.length} dims within 1e-3`);
      assert.ok(ok / dims.length >= 0.97, `${ok}`);
    });
  });
}
