/**
 * `valence-studio doctor`: one JSON object (or an aligned table) saying what decodes and infers, exit
 * 0 when all the analysis needs is there, 1 naming each problem — an ffmpeg older than 6 among them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatTable, verdict, type Findings } from '../../src-main/cli/commands/doctor-report.js';
import { tryAcquireLease } from '../../src-main/store/lease.js';
import { REPO_ROOT, tempDir } from '../helpers/media.js';

const CLI = join(REPO_ROOT, 'bin', 'valence-studio.js');
const dir = tempDir();

/** A stand-in binary that only answers `-version` with `firstLine`. */
function fakeTool(name: string, firstLine: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\necho '${firstLine}'\n`);
  chmodSync(path, 0o755);
  return path;
}
const ffmpeg7 = fakeTool('ffmpeg7', 'ffmpeg version 7.1 Copyright (c) 2000-2024 the FFmpeg developers');
const ffprobe7 = fakeTool('ffprobe7', 'ffprobe version 7.1 Copyright (c) 2007-2024 the FFmpeg developers');
const ffmpeg41 = fakeTool('ffmpeg41', 'ffmpeg version 4.1');

function doctor(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, 'doctor', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('doctor --json: one object with tools, ML, models, Electron/Chromium; exit 0 when all is there', () => {
  const r = doctor(['--json'], { VALENCE_FFMPEG: ffmpeg7, VALENCE_FFPROBE: ffprobe7 });
  const report = JSON.parse(r.stdout);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.deepEqual(Object.keys(report).sort(), ['chromium', 'electron', 'ffmpeg', 'ffprobe', 'models', 'node', 'ok', 'onnxruntime', 'problems', 'tfjs']);
  assert.equal(report.ok, true);
  assert.deepEqual(report.problems, []);
  assert.deepEqual(report.ffmpeg, { path: ffmpeg7, source: 'env', origin: 'VALENCE_FFMPEG', version: '7.1', major: 7, problem: null });
  assert.equal(report.ffprobe.origin, 'VALENCE_FFPROBE');
  assert.equal(report.node, process.version);
  assert.equal(report.tfjs.backend, 'wasm');
  assert.match(report.onnxruntime.version, /^\d+\.\d+\.\d+/);
  const names = report.models.found.map((m: { name: string }) => m.name);
  for (const shipped of ['efficientat-mn04', 'sed-nonverbal', 'sed-verbal', 'valence-default', 'visual-centernet']) assert.ok(names.includes(shipped), shipped);
  const verbal = report.models.found.find((m: { name: string }) => m.name === 'sed-verbal');
  assert.match(verbal.version, /^sed-verbal-/);
  assert.ok(verbal.bytes > 100_000);
  assert.equal(typeof report.electron, 'object');
  assert.equal(typeof report.chromium.found, 'boolean');
});

test('doctor: an ffmpeg older than 6 named by VALENCE_FFMPEG is reported as what is used, and the exit is 1', () => {
  const r = doctor(['--json'], { VALENCE_FFMPEG: ffmpeg41, VALENCE_FFPROBE: ffprobe7 });
  assert.equal(r.status, 1);
  const report = JSON.parse(r.stdout);
  assert.equal(report.ok, false);
  assert.deepEqual({ source: report.ffmpeg.source, version: report.ffmpeg.version, major: report.ffmpeg.major }, { source: 'env', version: '4.1', major: 4 });
  const problem = `ffmpeg 4.1 from VALENCE_FFMPEG (${ffmpeg41}) is older than 6; it is used because VALENCE_FFMPEG names it`;
  assert.deepEqual(report.problems, [problem]);
  assert.equal(r.stderr.trim(), `valence-studio doctor: ${problem}`);
});

test('doctor: an override that is not ffmpeg at all is a problem too', () => {
  const r = doctor(['--json'], { VALENCE_FFMPEG: ffmpeg7, VALENCE_FFPROBE: join(dir, 'no-such-ffprobe') });
  assert.equal(r.status, 1);
  assert.match(JSON.parse(r.stdout).problems[0], /^VALENCE_FFPROBE=.*no-such-ffprobe did not answer `-version` as ffprobe does$/);
});

test('doctor --project: the table says who holds the lease; a missing project is a one-line error', () => {
  const project = join(dir, 'p.vsproj');
  writeFileSync(project, '');
  const env = { VALENCE_FFMPEG: ffmpeg7, VALENCE_FFPROBE: ffprobe7 };
  const free = doctor(['--project', project], env);
  assert.equal(free.status, 0, free.stderr);
  assert.match(free.stdout, /^lease\s+free$/m);
  const lease = tryAcquireLease(project, 'doctor test');
  try {
    const held = doctor(['--project', project], env);
    assert.match(held.stdout, new RegExp(`^lease\\s+held by doctor test \\(pid ${process.pid} on `, 'm'));
    const json = JSON.parse(doctor(['--project', project, '--json'], env).stdout);
    assert.equal(json.project.lease.state, 'held');
    assert.equal(json.project.lease.alive, true);
    assert.equal(json.project.lease.holder.pid, process.pid);
  } finally {
    if ('release' in lease) lease.release();
  }
  const missing = doctor(['--project', join(dir, 'nope.vsproj')], env);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr.trim(), /^valence-studio doctor: project not found: .*nope\.vsproj$/);
  assert.equal(missing.stdout, '');
});

const findings: Findings = {
  node: 'v20.0.0',
  ffmpeg: { path: '/x/ffmpeg', source: 'package', origin: '@p/linux-x64', version: '4.1', major: 4, problem: 'ffmpeg 4.1 is older than 6' },
  ffprobe: { missing: 'no ffprobe found: install it' },
  tfjs: { version: '4.22.0', backend: null, error: 'no TensorFlow.js backend could start' },
  onnxruntime: { version: '1.30.0', error: null },
  models: { dir: '/r/models', found: [] },
  electron: { version: null, binary: null },
  chromium: { path: '/usr/bin/chromium', found: false, version: null },
};

test('verdict: every missing or broken piece the analysis needs is one problem; Electron and Chromium are not', () => {
  const report = verdict(findings);
  assert.equal(report.ok, false);
  assert.deepEqual(report.problems, [
    'ffmpeg 4.1 is older than 6',
    'no ffprobe found: install it',
    'TensorFlow.js: no TensorFlow.js backend could start',
    'no shipped models under /r/models',
  ]);
});

test('formatTable: one aligned row per finding', () => {
  const lines = formatTable(verdict(findings)).split('\n');
  assert.deepEqual(lines.map((l) => l.split(/\s{2,}/)[0]), ['ffmpeg', 'ffprobe', 'node', 'tfjs', 'onnxruntime', 'electron', 'chromium', 'status']);
  const valueColumn = 'onnxruntime'.length + 2;
  for (const line of lines) assert.match(line.slice(valueColumn - 2, valueColumn + 1), /^ {2}\S$/, line);
  assert.match(lines[0], /^ffmpeg\s+4\.1  package @p\/linux-x64  \/x\/ffmpeg  PROBLEM$/);
  assert.match(lines[1], /^ffprobe\s+MISSING$/);
  assert.match(lines.at(-1)!, /^status\s+4 problems$/);
});
