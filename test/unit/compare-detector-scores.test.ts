/**
 * Two detectors scored on shared material (#13 item 2): only the 10 s windows holding curated events
 * count, both detectors are cut to the same windows, and the figures are sed_eval's segment F1
 * (1 s segments) pooled over films and film by film. Worked out by hand below.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { annotatedWindows, scoreBoth, type FilmEvents } from '../../src-main/analysis/compare/detector-scores.js';

const CLASSES = ['speech_male', 'speech_female'];
const ev = (label: string, onset: number, offset: number) => ({ label, onset, offset });
const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual}, expected ${expected}`);

test('annotated windows: the 10 s windows a curated event overlaps, the last one ending with the film', () => {
  assert.deepEqual(annotatedWindows([ev('speech_male', 2, 5), ev('crowd', 21, 22)], 25), [[0, 10], [20, 25]]);
  // An event across a window edge marks both windows; one ending on an edge marks only the first.
  assert.deepEqual(annotatedWindows([ev('crowd', 9.5, 10.5), ev('crowd', 28, 30)], 40), [[0, 10], [10, 20], [20, 30]]);
  assert.deepEqual(annotatedWindows([], 40), []);
});

test('both detectors are scored on the same windows only; events elsewhere do not count', () => {
  const films: FilmEvents[] = [
    {
      durationS: 25,
      reference: [ev('speech_male', 2, 5), ev('speech_female', 21, 22)],
      estimated: [
        // A: speech_male over the whole film: 3 hits, 7 + 5 false segments inside the windows (10–20 s is not scored).
        [ev('speech_male', 0, 25)],
        // B: exactly right, plus a false speech_female at 12–14 s, outside every scored window.
        [ev('speech_male', 2, 5), ev('speech_female', 12, 14), ev('speech_female', 21, 22)],
      ],
    },
    {
      durationS: 10,
      reference: [ev('speech_female', 0, 1)],
      estimated: [[], [ev('speech_female', 0, 1)]],
    },
  ];
  const s = scoreBoth(films, CLASSES);
  assert.equal(s.windows, 3);
  const [a, b] = s.overall;
  // A, speech_male: precision 3/15, recall 1 → F1 1/3; speech_female: no hit → 0; macro 1/6.
  close(a.classWise.speech_male.fMeasure, 1 / 3, 'A speech_male');
  close(a.classWise.speech_female.fMeasure, 0, 'A speech_female');
  close(a.classWiseAverage.fMeasure, 1 / 6, 'A macro');
  close(b.classWiseAverage.fMeasure, 1, 'B macro');
  assert.equal(a.classWise.speech_female.nref, 2, 'curated segments of the class, over both films');
  assert.deepEqual(s.films.map((f) => f.windows), [2, 1]);
  // Film 2 alone: speech_male has neither reference nor output, which sed_eval scores 0.
  close(s.films[1].metrics[1].classWiseAverage.fMeasure, 0.5, 'B on film 2');
  close(s.films[1].metrics[0].classWiseAverage.fMeasure, 0, 'A on film 2');
  close(s.films[0].metrics[1].classWiseAverage.fMeasure, 1, 'B on film 1');
});
