/**
 * sed_eval's segment-based and event-based metrics on cases worked out by hand (the working is in
 * the comments), including a file where greedy matching would miss a pair that optimal matching
 * finds, and sed_eval's epsilon conventions for classes without references; the segment counts
 * equal sed_eval's segment roll on random lists, without building it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SedEvent } from '../../../src-main/sed/metrics/event-times.js';
import { segmentBasedMetrics } from '../../../src-main/sed/metrics/segment-based.js';
import { EPS } from '../../../src-main/sed/metrics/sed-eval-math.js';
import { eventBasedMetrics } from '../../../src-main/sed/metrics/event-based.js';
import { bipartiteMatch } from '../../../src-main/sed/metrics/bipartite-match.js';
import { Rng } from '../../../src-main/util/random.js';

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

test('segment-based, one class: partial overlap', () => {
  // ref [0.5, 2.2] → segments 0,1,2; est [1.0, 3.5] → 1,2,3. TP {1,2}, FN {0}, FP {3}.
  const m = segmentBasedMetrics([{ reference: [{ label: 'a', onset: 0.5, offset: 2.2 }], estimated: [{ label: 'a', onset: 1.0, offset: 3.5 }], length: 5 }], ['a']);
  close(m.classWise.a.precision, 2 / 3, 'P');
  close(m.classWise.a.recall, 2 / 3, 'R');
  close(m.classWise.a.fMeasure, 2 / 3, 'F');
  close(m.classWise.a.errorRate, 2 / 3, 'class ER = (FN + FP) / Nref');
  // Overall: segment 0 is a deletion, segment 3 an insertion.
  close(m.overall.deletionRate, 1 / 3, 'D');
  close(m.overall.insertionRate, 1 / 3, 'I');
  close(m.overall.substitutionRate, 0, 'S');
  close(m.overall.errorRate, 2 / 3, 'ER');
});

test('segment-based, two classes: substitutions in the overall error rate', () => {
  // Rolls over 3 s: ref a {0}, b {1,2}; est b {0} (0–1), b {1} (1.2–2.0), a {2} (2.1–3.0).
  // seg0: ref a vs est b → S; seg1: b hit; seg2: ref b vs est a → S. Ntp 1, Nref 3, Nsys 3.
  const m = segmentBasedMetrics(
    [
      {
        reference: [
          { label: 'a', onset: 0, offset: 1 },
          { label: 'b', onset: 1, offset: 2.5 },
        ],
        estimated: [
          { label: 'b', onset: 0, offset: 1 },
          { label: 'b', onset: 1.2, offset: 2.0 },
          { label: 'a', onset: 2.1, offset: 3.0 },
        ],
      },
    ],
    ['a', 'b'],
  );
  close(m.overall.fMeasure, 1 / 3, 'overall F');
  close(m.overall.substitutionRate, 2 / 3, 'S');
  close(m.overall.errorRate, 2 / 3, 'ER');
  close(m.classWise.a.fMeasure, 0, 'F a');
  close(m.classWise.a.errorRate, 2, 'ER a = (1 FN + 1 FP) / 1');
  close(m.classWise.b.fMeasure, 0.5, 'F b');
  close(m.classWise.b.errorRate, 1, 'ER b');
  close(m.classWiseAverage.fMeasure, 0.25, 'macro F');
  close(m.classWiseAverage.errorRate, 1.5, 'macro ER');
});

test('segment-based accumulates over files and counts a class without references as F = 0', () => {
  const m = segmentBasedMetrics(
    [
      { reference: [{ label: 'a', onset: 0, offset: 2 }], estimated: [{ label: 'a', onset: 0, offset: 2 }], length: 2 },
      { reference: [{ label: 'a', onset: 0, offset: 1 }], estimated: [], length: 2 },
    ],
    ['a', 'b'],
  );
  close(m.classWise.a.recall, 2 / 3, 'R a over both files');
  close(m.classWise.a.precision, 1, 'P a');
  close(m.classWise.b.fMeasure, 0, 'F b (no references, no output)');
  close(m.classWiseAverage.fMeasure, (0.8 + 0) / 2, 'macro F includes b');
});

test('event-based with 200 ms onset collar and offset collar max(200 ms, 50 %)', () => {
  // ref a [1, 3] ~ est a [1.15, 3.9]: onset Δ 0.15, offset Δ 0.9 ≤ max(0.2, 1.0) → hit.
  // ref b [5, 5.5] ~ est a [5.1, 5.6]: timing fits, label does not → substitution.
  // ref a [7, 7.4] vs est a [7.3, 7.5]: onset Δ 0.3 > 0.2 → a deletion and an insertion.
  const m = eventBasedMetrics(
    [
      {
        reference: [
          { label: 'a', onset: 1, offset: 3 },
          { label: 'b', onset: 5, offset: 5.5 },
          { label: 'a', onset: 7, offset: 7.4 },
        ],
        estimated: [
          { label: 'a', onset: 1.15, offset: 3.9 },
          { label: 'a', onset: 5.1, offset: 5.6 },
          { label: 'a', onset: 7.3, offset: 7.5 },
        ],
      },
    ],
    ['a', 'b'],
  );
  close(m.overall.fMeasure, 1 / 3, 'overall F');
  close(m.overall.substitutionRate, 1 / 3, 'S');
  close(m.overall.deletionRate, 1 / 3, 'D');
  close(m.overall.insertionRate, 1 / 3, 'I');
  close(m.overall.errorRate, 1, 'ER');
  // Class a: 1 hit of 2 refs and 3 outputs: P 1/3, R 1/2, F 0.4, ER (1 + 2) / 2.
  close(m.classWise.a.fMeasure, 0.4, 'F a');
  close(m.classWise.a.errorRate, 1.5, 'ER a');
  close(m.classWise.b.fMeasure, 0, 'F b');
  close(m.classWise.b.errorRate, 1, 'ER b');
  close(m.classWiseAverage.fMeasure, 0.2, 'macro F');
});

test('event-based matching is optimal, not greedy', () => {
  // ref1 [0, 1] matches both outputs; ref2 [0.15, 0.5] (offset collar 0.2) only e1 [0.1, 0.6].
  // Greedy pairs ref1–e1 and leaves ref2 alone; the maximum matching pairs ref1–e2, ref2–e1.
  const m = eventBasedMetrics(
    [
      {
        reference: [
          { label: 'a', onset: 0, offset: 1 },
          { label: 'a', onset: 0.15, offset: 0.5 },
        ],
        estimated: [
          { label: 'a', onset: 0.1, offset: 0.6 },
          { label: 'a', onset: 0.0, offset: 1.2 },
        ],
      },
    ],
    ['a'],
  );
  close(m.overall.fMeasure, 1, 'overall F');
  close(m.classWise.a.fMeasure, 1, 'F a');
});

test('bipartite matching finds augmenting paths', () => {
  // Left 0 → {0, 1}, left 1 → {0}: the greedy start takes 0–0, the augmenting path moves it to 0–1.
  const m = bipartiteMatch(new Map([[0, [0, 1]], [1, [0]]]));
  assert.equal(m.size, 2);
  assert.equal(m.get(0), 1);
  assert.equal(m.get(1), 0);
});

/** sed_eval's own way: a 0/1 roll per class and segment, counted segment by segment (the oracle). */
function rollCounts(reference: SedEvent[], estimated: SedEvent[], labels: string[], segments: number) {
  const roll = (events: SedEvent[]) =>
    labels.map((l) => {
      const r = new Uint8Array(segments);
      for (const e of events.filter((x) => x.label === l)) for (let s = Math.max(0, Math.floor(e.onset)); s < Math.min(segments, Math.ceil(e.offset)); s++) r[s] = 1;
      return r;
    });
  const [ref, est] = [roll(reference), roll(estimated)];
  let [ntp, nref, nsys, subs, del, ins] = [0, 0, 0, 0, 0, 0];
  for (let s = 0; s < segments; s++) {
    const r = ref.reduce((n, x) => n + x[s], 0);
    const e = est.reduce((n, x) => n + x[s], 0);
    const t = ref.reduce((n, x, c) => n + (x[s] & est[c][s]), 0);
    [ntp, nref, nsys] = [ntp + t, nref + r, nsys + e];
    subs += Math.min(r, e) - t;
    del += Math.max(0, r - e);
    ins += Math.max(0, e - r);
  }
  return { ntp, nref, nsys, subs, del, ins, classTp: labels.map((_, c) => ref[c].reduce((n, x, s) => n + (x & est[c][s]), 0)) };
}

test("segment-based counts equal sed_eval's roll on random overlapping lists", () => {
  const rng = new Rng(7);
  const labels = ['a', 'b', 'c'];
  const events = (n: number): SedEvent[] =>
    Array.from({ length: n }, () => {
      const onset = rng.uniform(-2, 40);
      return { label: rng.pick([...labels, 'unscored']), onset, offset: onset + rng.uniform(0, 6) };
    });
  for (let trial = 0; trial < 40; trial++) {
    const file = { reference: events(rng.int(12)), estimated: events(rng.int(12)), length: trial % 3 === 0 ? 30 : undefined };
    const m = segmentBasedMetrics([file], labels);
    const length = file.length ?? Math.max(0, ...[...file.reference, ...file.estimated].map((e) => e.offset));
    const want = rollCounts(file.reference, file.estimated, labels, Math.ceil(length));
    assert.equal(m.overall.nref, want.nref, `trial ${trial} Nref`);
    assert.equal(m.overall.nsys, want.nsys, `trial ${trial} Nsys`);
    close(m.overall.substitutionRate, want.subs / (want.nref + EPS), `trial ${trial} S`);
    close(m.overall.deletionRate, want.del / (want.nref + EPS), `trial ${trial} D`);
    close(m.overall.insertionRate, want.ins / (want.nref + EPS), `trial ${trial} I`);
    labels.forEach((l, c) => close(m.classWise[l].precision, want.classTp[c] / (m.classWise[l].nsys + EPS), `trial ${trial} P ${l}`));
  }
});

test('segment-based on a sparse 200-million-second timeline: exact, fast and small', () => {
  // ref a over [1e8, 2e8] (10⁸ segments), est a over its second half: P 1, R 0.5, D 0.5.
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const m = segmentBasedMetrics([{ reference: [{ label: 'a', onset: 1e8, offset: 2e8 }], estimated: [{ label: 'a', onset: 1.5e8, offset: 2e8 }] }], ['a']);
  assert.ok(performance.now() - started < 100, 'no per-segment work');
  assert.ok(process.memoryUsage().rss - before < 16 * 2 ** 20, 'no per-segment memory');
  assert.equal(m.overall.nref, 1e8);
  close(m.classWise.a.precision, 1, 'P');
  close(m.classWise.a.recall, 0.5, 'R');
  close(m.overall.deletionRate, 0.5, 'D');
});

test('event times that are not finite or lie past 10⁹ s are refused in one line', () => {
  for (const offset of [1e308, Infinity, NaN]) {
    assert.throws(
      () => segmentBasedMetrics([{ reference: [{ label: 'a', onset: 0, offset }], estimated: [] }], ['a']),
      (err: Error) => err instanceof RangeError && /^file 1, reference: event 'a' at 0–\S+ s (is beyond 1e\+9 s|is not a finite number)/.test(err.message) && !err.message.includes('\n'),
    );
  }
});
