/**
 * The valence trace formats: every format reads back what it writes (unrated frames included), real
 * layouts of CARMA and NOVA files read as those tools mean them, frames are interpolated from
 * samples, and each kind of bad input is refused with the file and line named.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCognimuse as parseWholeCognimuse } from '../../../src-main/valence/data/cognimuse.js';
import {
  detectFormat,
  parseTrace,
  resampleToFrames,
  TRACE_FORMATS,
  traceSources,
  withoutUnratedTail,
  writeTrace,
  type TraceFile,
  type TraceFormat,
} from '../../../src-main/valence/formats/index.js';
import { SHARED_DIR } from '../../helpers/media.js';

const NAMES: Record<TraceFormat, string> = { cognimuse: 'r.dat', csv: 'r.csv', carma: 'r.csv', nova: 'r.annotation' };

/** 200 frames: unrated for the first 5, a hole at 60–79, unrated after 180; values across [-1, 1]. */
const trace = Float32Array.from({ length: 200 }, (_, k) => (k < 5 || (k >= 60 && k < 80) || k >= 180 ? NaN : Math.sin(k / 7) * (k === 100 ? 1 : 0.97)));

function assertFrames(actual: Float32Array, expected: ArrayLike<number>, tolerance = 1e-6): void {
  assert.equal(actual.length, expected.length);
  for (let k = 0; k < expected.length; k++) {
    if (Number.isNaN(expected[k])) assert.ok(Number.isNaN(actual[k]), `frame ${k}: ${actual[k]} should be unrated`);
    else assert.ok(Math.abs(actual[k] - expected[k]) <= tolerance, `frame ${k}: ${actual[k]} ≠ ${expected[k]}`);
  }
}

const one = (name: string, text: string): TraceFile[] => [{ name, text }];

for (const format of TRACE_FORMATS) {
  test(`${format}: written frames read back the same, unrated frames included, and are detected as ${format}`, () => {
    const files = writeTrace(format, trace, NAMES[format], { rater: 'anna', film: 'clip.mp4', ratedAt: '2025-01-02 03:04:05' });
    assert.equal(detectFormat(files), format);
    assertFrames(resampleToFrames(parseTrace(format, files), trace.length), trace);
  });
}

test('exports write one sample per 25 Hz frame in each layout', () => {
  const v = Float32Array.from([0.5, NaN, -0.25]);
  assert.equal(writeTrace('csv', v, 'a.csv')[0].text, 'time,valence\n0,0.5\n0.04,\n0.08,-0.25\n');
  assert.equal(writeTrace('cognimuse', v, 'a.dat')[0].text, '0 0.5 0\n0.08 -0.25 0\n');
  const carma = writeTrace('carma', v, 'a.csv', { film: 'clip.mp4', ratedAt: 'now' })[0].text.split('\n');
  assert.deepEqual(carma.slice(0, 9), [
    'Time of Rating,now', 'Multimedia File,clip.mp4', 'Lower Label,negative', 'Upper Label,positive',
    'Minimum Value,-1', 'Maximum Value,1', 'Number of Steps,8', 'Second,Rating', '%%%%%%,%%%%%%',
  ]);
  assert.deepEqual(carma.slice(9), ['0.02,0.5', '0.06,NaN', '0.1,-0.25', '']);
  const [header, data] = writeTrace('nova', v, 'a.annotation', { rater: 'A & "B"' });
  assert.equal(data.name, 'a.annotation~');
  assert.match(header.text, /<info ftype="ASCII" size="3" \/>/);
  assert.match(header.text, /<meta annotator="A &amp; &quot;B&quot;"\/>/);
  assert.match(header.text, /<scheme name="valence" type="CONTINUOUS" sr="25" min="-1" max="1"/);
  assert.equal(data.text, '0.5;1.00\nNaN;0.00\n-0.25;1.00\n');
});

test("CARMA: its own export layout, the scale mapped from its min/max, each bin's mean at the bin's middle", () => {
  const text = [
    'Time of Rating,13-Dec-2021 07:36:40', 'Multimedia File,2F10_08.avi', 'Lower Label,very negative', 'Upper Label,very positive',
    'Minimum Value,-100', 'Maximum Value,100', 'Number of Steps,9', 'Second,Rating', '%%%%%%,%%%%%%',
    '1,7.8010475', '2,0.930772222', '3,NaN', '4,-100',
  ].join('\n');
  const t = parseTrace('carma', one('2F10_08_AP.csv', text));
  assert.deepEqual(t.scale, { min: -100, max: 100 });
  assert.deepEqual(t.samples.time, [0.5, 1.5, 2.5, 3.5]);
  assertFrames(Float32Array.from(t.samples.value), [0.078010475, 0.00930772222, NaN, -1]);
  const frames = resampleToFrames(t, 100);
  assert.ok(Number.isNaN(frames[12]) && !Number.isNaN(frames[13]), "rated from the first bin's middle (0.5 s) on");
  // Halfway between the first two bins' middles (1 s): the mean of their ratings.
  assertFrames(frames.subarray(25, 26), [(0.078010475 + 0.00930772222) / 2]);
  // Next to the empty bin: not rated, never bridged.
  assert.ok(frames.subarray(38, 88).every(Number.isNaN));
  assert.equal(detectFormat(one('x.csv', text)), 'carma');
});

test('NOVA: the header NOVA writes, samples at i / sr on its [min, max], NaN scores not rated', () => {
  const header = [
    '<?xml version="1.0" ?>', '<annotation ssi-v="3">', '    <info ftype="ASCII" size="4" />', '    <meta annotator="anna"/>',
    '    <scheme name="valence" type="CONTINUOUS" sr="10" min="0" max="1" mincolor="#FFFFFFFF" maxcolor="#FFC0504D" />', '</annotation>',
  ].join('\n');
  const files = [{ name: 'v.annotation', text: header }, { name: 'v.annotation~', text: '0.5;1.00\n1;0.80\nNaN;0.00\n0;1.00\n' }];
  const t = parseTrace('nova', files);
  assert.deepEqual(t.samples.time, [0, 0.1, 0.2, 0.3]);
  assertFrames(Float32Array.from(t.samples.value), [0, 1, NaN, -1]);
  // 25 Hz frames between 10 Hz samples are interpolated; frame 2 (0.08 s) is 80% of the way to sample 1.
  assertFrames(resampleToFrames(t, 3), [0, 0.4, 0.8]);
});

test('CSV: samples at any rate, interpolated onto frames; an empty valence is not rated', () => {
  const t = parseTrace('csv', one('a.csv', 'Time, Valence\r\n0.5,-1\r\n1.5,1\r\n2.5,\r\n3,0.5\r\n'));
  const frames = resampleToFrames(t, 100);
  assert.ok(frames.subarray(0, 12).every(Number.isNaN));
  assertFrames(frames.subarray(12, 38), Array.from({ length: 26 }, (_, i) => -1 + (2 * (i + 12 - 12.5)) / 25).map((v, i) => (i === 0 ? NaN : v)));
  assert.ok(frames.subarray(38, 75).every(Number.isNaN), 'next to the empty cell: not rated');
  assertFrames(frames.subarray(75, 77), [0.5, NaN]);
});

test('COGNIMUSE: a row left out is a frame nobody rated, and rows may start after 0', () => {
  const t = parseTrace('cognimuse', one('a.dat', '0.08 0.1 0\n0.12 0.2 0\n0.24 0.5 0\n0.28 0.6 0\n'));
  assertFrames(resampleToFrames(t, 9), [NaN, NaN, 0.1, 0.2, NaN, NaN, 0.5, 0.6, NaN]);
});

const CARMA_HEAD = 'Time of Rating,x\nMultimedia File,f\nLower Label,a\nUpper Label,b\nMinimum Value,-100\nMaximum Value,100\nNumber of Steps,9\nSecond,Rating\n%%%%%%,%%%%%%\n';
const novaHeader = (attrs = 'type="CONTINUOUS" sr="25" min="-1" max="1"', info = 'ftype="ASCII" size="2"') =>
  `<?xml version="1.0" ?>\n<annotation ssi-v="3">\n    <info ${info} />\n    <scheme name="valence" ${attrs} />\n</annotation>\n`;
const nova = (data: string, header = novaHeader()): TraceFile[] => [{ name: 'x.annotation', text: header }, { name: 'x.annotation~', text: data }];

const refusals: Array<[string, TraceFormat, TraceFile[], RegExp]> = [
  ['csv: a value outside [-1, 1]', 'csv', one('a.csv', 'time,valence\n0,0.5\n0.1,1.5\n'), /a\.csv, line 3: valence 1\.5 lies outside the file's scale \[-1, 1\]$/],
  ['csv: a time going backwards', 'csv', one('a.csv', 'time,valence\n0.2,0\n0.1,0\n'), /a\.csv, line 3: time 0\.1 is not after the previous line's 0\.2$/],
  ['csv: NaN', 'csv', one('a.csv', 'time,valence\n0,NaN\n'), /a\.csv, line 2: 'NaN' is not a number$/],
  ['csv: a NaN time', 'csv', one('a.csv', 'time,valence\nnan,0\n'), /a\.csv, line 2: 'nan' is not a number$/],
  ['csv: a wrong header', 'csv', one('a.csv', 'seconds,valence\n0,0\n'), /a\.csv, line 1: expected the header 'time,valence', found 'seconds,valence'$/],
  ['csv: a third column', 'csv', one('a.csv', 'time,valence\n0,0,1\n'), /a\.csv, line 2: expected 2 columns/],
  ['csv: a time before the film', 'csv', one('a.csv', 'time,valence\n-1,0\n'), /a\.csv, line 2: time -1 is before the film starts$/],
  ['csv: no rows', 'csv', one('a.csv', 'time,valence\n'), /a\.csv: no ratings in it$/],
  ['cognimuse: a value outside [-1, 1]', 'cognimuse', one('a.dat', '0 0 0\n0.04 -1.2 0\n'), /a\.dat, line 2: valence and arousal must lie in \[-1, 1\]$/],
  ['cognimuse: a time going backwards', 'cognimuse', one('a.dat', '0.08 0 0\n0.04 0 0\n'), /a\.dat, line 2: time 0\.04 is not after the previous line's 0\.08$/],
  ['cognimuse: NaN', 'cognimuse', one('a.dat', '0 NaN 0\n'), /a\.dat, line 1: 'NaN' is not a number$/],
  ['cognimuse: a header line', 'cognimuse', one('a.dat', 'time valence arousal\n0 0 0\n'), /a\.dat, line 1: 'time' is not a number$/],
  ['cognimuse: off the 25 Hz grid', 'cognimuse', one('a.dat', '0 0 0\n0.05 0 0\n'), /a\.dat, line 2: time 0\.05 breaks the 0\.04 s \(25 Hz\) grid$/],
  ['carma: a value outside its scale', 'carma', one('c.csv', `${CARMA_HEAD}1,50\n2,150\n`), /c\.csv, line 11: valence 150 lies outside the file's scale \[-100, 100\]$/],
  ['carma: a time going backwards', 'carma', one('c.csv', `${CARMA_HEAD}2,0\n1,0\n`), /c\.csv, line 11: time 1 is not after the previous line's 2$/],
  ['carma: a NaN second', 'carma', one('c.csv', `${CARMA_HEAD}NaN,0\n`), /c\.csv, line 10: 'NaN' is not a number$/],
  ['carma: a first row that is not CARMA', 'carma', one('c.csv', `time,valence\n0,0\n`), /c\.csv, line 1: expected CARMA's first row 'Time of Rating,…', found 'time,valence'$/],
  ['carma: no scale minimum', 'carma', one('c.csv', CARMA_HEAD.replace('Minimum Value,-100\n', '') + '1,0\n'), /c\.csv: the CARMA header has no 'Minimum Value' row$/],
  ['carma: a minimum above the maximum', 'carma', one('c.csv', CARMA_HEAD.replace('-100', '200') + '1,0\n'), /c\.csv: the scale's minimum 200 is not below its maximum 100$/],
  ['carma: no Second,Rating row', 'carma', one('c.csv', 'Time of Rating,x\nMinimum Value,0\n'), /c\.csv: no 'Second,Rating' row ends the CARMA header$/],
  ['carma: a wrong column header', 'carma', one('c.csv', CARMA_HEAD.replace('Second,Rating', 'Second,Score') + '1,0\n'), /c\.csv, line 8: expected 'Second,Rating', found 'Second,Score'$/],
  ['nova: a score outside its scale', 'nova', nova('0.5;1.00\n2;1.00\n'), /x\.annotation~, line 2: valence 2 lies outside the file's scale \[-1, 1\]$/],
  ['nova: a NaN confidence', 'nova', nova('0.5;NaN\n0;1\n'), /x\.annotation~, line 1: 'NaN' is not a number$/],
  ['nova: a line that is not score;confidence', 'nova', nova('0.5;1\n\n0;1\n', novaHeader(undefined, 'ftype="ASCII" size="3"')), /x\.annotation~, line 2: expected 'score;confidence', found ''$/],
  ['nova: a data file shorter than its size', 'nova', nova('0.5;1.00\n'), /x\.annotation~: 1 lines, but its header x\.annotation says size="2"$/],
  ['nova: a discrete scheme', 'nova', nova('0;1\n0;1\n', novaHeader('type="DISCRETE"')), /x\.annotation, line 4: scheme type="DISCRETE"; a valence trace needs a CONTINUOUS scheme$/],
  ['nova: binary data', 'nova', nova('', novaHeader(undefined, 'ftype="BINARY" size="2"')), /x\.annotation, line 3: ftype="BINARY"; only ASCII NOVA annotations can be read$/],
  ['nova: no sample rate', 'nova', nova('0;1\n0;1\n', novaHeader('type="CONTINUOUS" min="-1" max="1"')), /x\.annotation, line 4: <scheme> has no sr="…"$/],
  ['nova: not an annotation header', 'nova', nova('0;1\n', '<stream/>'), /x\.annotation: not a NOVA annotation header/],
  ['nova: the data file missing', 'nova', [{ name: 'x.annotation', text: novaHeader() }], /X\.annotation~; got x\.annotation$/],
];

for (const [name, format, files, reason] of refusals) {
  test(`refused with file and line: ${name}`, () => assert.throws(() => parseTrace(format, files), reason));
}

test('--format auto: a file no format recognises is refused, naming the choices', () => {
  assert.throws(() => detectFormat(one('notes.txt', 'hello\n')), /Error: notes\.txt: cannot tell its format from its first line 'hello'; name one with --format cognimuse\|csv\|carma\|nova$|notes\.txt: cannot tell/);
  assert.equal(detectFormat(one('old.dat', '0 0.028 -0.943\n')), 'cognimuse');
  assert.equal(detectFormat([{ name: 'x.annotation~', text: '0;1\n' }]), 'nova');
});

test("NOVA's header and data files group into one trace; other files stand alone", () => {
  const f = (name: string) => ({ name, text: '' });
  assert.deepEqual(
    traceSources([f('a.annotation'), f('b.csv'), f('a.annotation~'), f('c.dat')]).map((s) => s.map((x) => x.name)),
    [['a.annotation', 'a.annotation~'], ['b.csv'], ['c.dat']],
  );
});

test('a trace without its unrated tail keeps its unrated start and holes', () => {
  assertFrames(withoutUnratedTail(Float32Array.from([NaN, 0.2, NaN, 0.4, NaN, NaN])), [NaN, 0.2, NaN, 0.4]);
  assert.equal(withoutUnratedTail(Float32Array.from([NaN, NaN])).length, 0);
});

test('the real COGNIMUSE traces read the same through the format as through the corpus parser', (t) => {
  const dir = join(SHARED_DIR, 'data', 'cognimuse');
  if (!existsSync(dir)) return t.skip('../shared/data/cognimuse not found');
  for (const film of ['BMI', 'LOR']) {
    const text = readFileSync(join(dir, film, 'intended_1.dat'), 'utf8');
    const whole = parseWholeCognimuse(text, film).valence;
    assertFrames(resampleToFrames(parseTrace('cognimuse', one(film, text)), whole.length), whole, 0);
  }
});
