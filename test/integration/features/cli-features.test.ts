/** `valence-studio features emobase2010` on odd inputs: rates, channels, silence, clipping, bad files. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run } from '../../../src-main/cli/commands/features.js';
import { AppError } from '../../../src-main/contract/errors.js';
import { encodeWav16 } from '../../../src-main/media/wav.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let dir = '';

/** 16-bit PCM WAV; `channel(c, t)` gives the sample of channel c at time t (seconds). */
function writeWav(file: string, rate: number, channels: number, seconds: number, channel: (c: number, t: number) => number): string {
  const n = Math.round(rate * seconds);
  const samples = new Float32Array(n * channels);
  for (let i = 0; i < n; i++) for (let c = 0; c < channels; c++) samples[i * channels + c] = channel(c, i / rate);
  const buf = encodeWav16(samples, rate, channels);
  const p = path.join(dir, file);
  writeFileSync(p, buf);
  return p;
}

const vowel = (t: number, f0 = 140) => 0.3 * (Math.sin(2 * Math.PI * f0 * t) + 0.5 * Math.sin(4 * Math.PI * f0 * t) + 0.3 * Math.sin(6 * Math.PI * f0 * t));

async function features(input: string, ...flags: string[]) {
  const out = path.join(dir, `${path.basename(input)}.${flags.length}.csv`);
  const log = console.log;
  console.log = () => {};
  try {
    assert.equal(await run(['emobase2010', input, '--out', out, ...flags]), 0);
  } finally {
    console.log = log;
  }
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  return { out, header: lines[0].split(';'), rows: lines.slice(1).map((l) => l.split(';')) };
}

const numbers = (row: string[]) => row.slice(2).map(Number);

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vs-features-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('writes openSMILE-layout frame-wise, whole-input and LLD CSVs', async () => {
  const wav = writeWav('voice.wav', 16000, 1, 2, (_, t) => vowel(t));
  const fw = await features(wav);
  assert.equal(fw.header.length, 1584);
  assert.deepEqual(fw.header.slice(0, 3), ['name', 'frameTime', 'pcm_loudness_sma_maxPos']);
  assert.equal(fw.rows.length, Math.floor((Math.floor((32000 - 960) / 160) + 1 - 42) / 4) + 1);
  assert.equal(fw.rows[0][0], "'voice'");
  assert.equal(fw.rows[1][1], '0.040000');
  const whole = await features(wav, '--whole');
  assert.equal(whole.rows.length, 1);
  assert.equal(whole.rows[0][1], '0.000000');
  const lldPath = path.join(dir, 'voice_lld.csv');
  await features(wav, '--lld', lldPath);
  const lld = readFileSync(lldPath, 'utf8').trim().split('\n');
  assert.equal(lld[0].split(';').length, 79);
  assert.equal(lld.length - 1, Math.floor((32000 - 960) / 160) + 1);
});

test('48 kHz stereo and 8 kHz mono are resampled and down-mixed', async () => {
  const stereo = await features(writeWav('stereo48k.wav', 48000, 2, 1.5, (c, t) => (c === 0 ? vowel(t) : 0.5 * vowel(t))));
  const mono8k = await features(writeWav('mono8k.wav', 8000, 1, 1.5, (_, t) => vowel(t)));
  for (const { header, rows } of [stereo, mono8k]) {
    assert.ok(rows.length > 0);
    const f0 = header.indexOf('F0final_sma_amean');
    for (const r of rows) {
      assert.ok(numbers(r).every(Number.isFinite));
      assert.ok(Math.abs(Number(r[f0]) - 140) < 5, `F0 ${r[f0]}`);
    }
  }
});

test('silence, clipping and DC offset give finite numbers', async () => {
  const cases = [
    writeWav('silence.wav', 16000, 1, 1, () => 0),
    writeWav('clipped.wav', 16000, 1, 1, (_, t) => 8 * vowel(t)),
    writeWav('dc.wav', 16000, 1, 1, (_, t) => 0.5 + 0.3 * vowel(t)),
  ];
  for (const wav of cases) {
    const { rows } = await features(wav);
    assert.ok(rows.length > 0);
    for (const r of rows) assert.ok(numbers(r).every(Number.isFinite), wav);
  }
});

test('a clip shorter than one window writes the header only', async () => {
  const { rows, header } = await features(writeWav('short.wav', 16000, 1, 0.2, (_, t) => vowel(t)));
  assert.equal(header.length, 1584);
  assert.equal(rows.length, 0);
});

test('bad requests and unreadable media are one-line errors, with no partial output left', async () => {
  const empty = path.join(dir, 'empty.wav');
  writeFileSync(empty, '');
  const junk = path.join(dir, 'junk.wav');
  writeFileSync(junk, Buffer.from('this is not audio at all, just text pretending to be a wav file'.repeat(20)));
  const out = path.join(dir, 'never.csv');
  const expectError = async (args: string[], code: string) => {
    await assert.rejects(run(args), (err: unknown) => err instanceof AppError && err.code === code && !err.message.split('\nusage')[0].includes('\n'));
  };
  await expectError(['emobase2010', empty, '--out', out], 'bad_media');
  await expectError(['emobase2010', junk, '--out', out], 'bad_media');
  await expectError(['emobase2010', path.join(dir, 'missing.wav'), '--out', out], 'bad_request');
  await expectError(['gemaps', junk, '--out', out], 'bad_request');
  await expectError(['emobase2010', junk], 'bad_request');
  assert.ok(!existsSync(out) && !existsSync(`${out}.partial`));
});

test('the CLI exits 1 with a one-line message for an unreadable file', () => {
  const junk = path.join(dir, 'junk2.mp3');
  writeFileSync(junk, Buffer.alloc(4096, 7));
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'valence-studio.js'), 'features', 'emobase2010', junk, '--out', path.join(dir, 'x.csv')], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^valence-studio features: /);
});
