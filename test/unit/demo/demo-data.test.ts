/**
 * The demo data shipped in resources/demo (used by `npm run demo` and `npm run make:corpus`): the
 * manifest matches the files (durations read from each FLAC's STREAMINFO, no decoding), every label
 * has enough clips for the event planner, every source is credited in ATTRIBUTION.md, and the
 * gzipped COGNIMUSE traces parse whole.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEMO_DATA_DIR, readIntendedTrace } from '../../../scripts/make-corpus.js';
import { EVENT_CLASSES } from '../../../src-main/contract/domain.js';
import { meanTrace } from '../../../src-main/valence/data/cognimuse.js';

const SOUNDS = join(DEMO_DATA_DIR, 'human-sounds');
const COLUMNS = ['file', 'label', 'track', 'sex', 'source', 'source_path', 'licence', 'duration_s'];

function manifest(): Record<string, string>[] {
  const [header, ...rows] = readFileSync(join(SOUNDS, 'manifest.tsv'), 'utf8').trimEnd().split('\n');
  assert.deepEqual(header.split('\t'), COLUMNS);
  return rows.map((r) => {
    const cells = r.split('\t');
    assert.equal(cells.length, COLUMNS.length, r);
    return Object.fromEntries(COLUMNS.map((c, i) => [c, cells[i]]));
  });
}

/** Sample rate, channels, bits and duration from a FLAC file's STREAMINFO block. */
function flacInfo(file: string): { rate: number; channels: number; bits: number; seconds: number } {
  const b = readFileSync(file).subarray(0, 42);
  assert.equal(b.toString('latin1', 0, 4), 'fLaC', `${file} is not FLAC`);
  assert.equal(b[4] & 0x7f, 0, `${file}: the first metadata block is not STREAMINFO`);
  const x = b.readBigUInt64BE(18); // 20 bits rate, 3 bits channels − 1, 5 bits bits − 1, 36 bits samples
  const rate = Number(x >> 44n);
  const samples = Number(x & 0xfffffffffn);
  return { rate, channels: Number((x >> 41n) & 7n) + 1, bits: Number((x >> 36n) & 31n) + 1, seconds: samples / rate };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

test('every manifest row is a 16 kHz mono FLAC of the stated duration, and nothing else is there', () => {
  const rows = manifest();
  for (const r of rows) {
    const path = join(SOUNDS, r.file);
    assert.ok(existsSync(path), `${r.file} is missing`);
    assert.ok(r.file.startsWith(`${r.label}/`), `${r.file} is not in its label's folder`);
    const info = flacInfo(path);
    assert.deepEqual([info.rate, info.channels, info.bits], [16000, 1, 16], r.file);
    assert.ok(Math.abs(info.seconds - Number(r.duration_s)) < 0.002, `${r.file}: ${info.seconds} s, manifest ${r.duration_s} s`);
  }
  const listed = new Set(rows.map((r) => r.file));
  assert.equal(listed.size, rows.length, 'a file is listed twice');
  const extra = filesUnder(SOUNDS)
    .map((f) => relative(SOUNDS, f))
    .filter((f) => f.endsWith('.flac') && !listed.has(f));
  assert.deepEqual(extra, [], 'FLAC files not in the manifest');
});

test('every label has enough clips for the event planner, and the folder stays small', () => {
  const rows = manifest();
  for (const label of EVENT_CLASSES) {
    const usable = rows.filter((r) => r.label === label && Number(r.duration_s) > 0.2); // planEvents' filter
    assert.ok(usable.length >= 8, `${label}: ${usable.length} clips`);
    assert.ok(usable.reduce((s, r) => s + Number(r.duration_s), 0) >= 15, `${label}: under 15 s of audio`);
  }
  const bytes = filesUnder(DEMO_DATA_DIR).reduce((s, f) => s + statSync(f).size, 0);
  assert.ok(bytes < 8e6, `resources/demo holds ${(bytes / 1e6).toFixed(1)} MB`);
});

test('ATTRIBUTION.md credits every source the copied files come from', () => {
  const attribution = readFileSync(join(SOUNDS, 'ATTRIBUTION.md'), 'utf8');
  for (const r of manifest()) {
    const name = r.source.replace(/^(debian|github):/, '');
    assert.ok(attribution.includes(`\`${name}\``), `${r.file}: source ${r.source} is not credited`);
  }
  // Conditions that travel with particular sources.
  const sources = new Set(manifest().map((r) => r.source));
  if (sources.has('debian:asterisk-prompt-fr-armelle')) assert.match(attribution, /Copyright \(C\) 2006 Michel Gutierrez[\s\S]*SUCH DAMAGE\./);
  if (sources.has('debian:asterisk-prompt-it-menardi-wav')) assert.match(attribution, /Marco Menardi and\s+> Paola Dal Zot/);
  const cognimuse = readFileSync(join(DEMO_DATA_DIR, 'cognimuse', 'README.md'), 'utf8');
  for (const s of ['gcunhase/AnnotatedMV-PreProcessing', 'MIT', 'Gwenaelle Cunha Sergio', 'Zlatintsi et al.']) assert.ok(cognimuse.includes(s), `cognimuse/README.md lacks ${s}`);
});

test('the seven COGNIMUSE intended traces parse whole', () => {
  const rows: Record<string, number> = { BMI: 46939, CHI: 45205, CRA: 39930, DEP: 45023, FNE: 45443, GLA: 45072, LOR: 56341 };
  for (const [film, n] of Object.entries(rows)) {
    const trace = meanTrace([readIntendedTrace(join(DEMO_DATA_DIR, 'cognimuse'), film)]);
    assert.equal(trace.valence.length, n, film);
    assert.ok(trace.valence.every((v) => Math.abs(v) <= 1) && trace.arousal.every((v) => Math.abs(v) <= 1), film);
  }
  assert.throws(() => readIntendedTrace(join(DEMO_DATA_DIR, 'cognimuse'), 'XYZ'), /no COGNIMUSE trace for XYZ/);
});
