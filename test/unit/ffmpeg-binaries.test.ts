/**
 * Which ffmpeg/ffprobe the app runs: versions read from `-version`, an explicit override honoured but
 * flagged when old, FFmpeg 6+ preferred over anything older, and the one chosen named by its origin.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { delimiter, join } from 'node:path';
import { chooseTool, findOnPath, packageOf, resolveTool, type ToolCandidate } from '../../src-main/media/ffmpeg-binaries.js';
import { describeVersion, parseToolVersion, type ToolVersion } from '../../src-main/media/ffmpeg-version.js';

test('parseToolVersion: release numbers from the first line, git snapshots by their libavformat', () => {
  const cases: [string, ToolVersion | null][] = [
    ['ffmpeg version 6.1.1-static https://johnvansickle.com/ffmpeg/  Copyright (c) 2000-2023', { label: '6.1.1-static', major: 6 }],
    ['ffmpeg version n7.1 Copyright (c) 2000-2024 the FFmpeg developers', { label: 'n7.1', major: 7 }],
    ['ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2025', { label: '5.1.9-0+deb12u1', major: 5 }],
    ['ffmpeg version 4.1', { label: '4.1', major: 4 }],
    // @ffprobe-installer/linux-x64 5.2.0: a July 2023 snapshot between 6.0 and 6.1.
    ['ffprobe version N-66595-gc2b38619c0-static https://johnvansickle.com/ffmpeg/\nlibavutil      58. 14.100 / 58. 14.100\nlibavformat    60. 10.100 / 60. 10.100', { label: 'N-66595-gc2b38619c0-static', major: 6 }],
    // @ffmpeg-installer/linux-x64 4.1.0: December 2018.
    ['ffmpeg version N-47683-g0e8eb07980-static\nlibavformat    58. 24.100 / 58. 24.100', { label: 'N-47683-g0e8eb07980-static', major: 4 }],
    ['ffmpeg version N-1-gdeadbeef', null],
    ['bash: ffmpeg: command not found', null],
    ['', null],
  ];
  for (const [output, expected] of cases) assert.deepEqual(parseToolVersion(output), expected, output);
  assert.equal(describeVersion({ label: '6.1.1', major: 6 }), '6.1.1');
  assert.equal(describeVersion({ label: 'N-66595-gc2b38619c0-static', major: 6 }), 'N-66595-gc2b38619c0-static (FFmpeg 6 line)');
});

const pkg: ToolCandidate = { path: '/app/node_modules/@ffmpeg-installer/linux-x64/ffmpeg', source: 'package', origin: '@ffmpeg-installer/linux-x64' };
const sys: ToolCandidate = { path: '/usr/bin/ffmpeg', source: 'system', origin: 'PATH' };
const env: ToolCandidate = { path: '/opt/ff/ffmpeg', source: 'env', origin: 'VALENCE_FFMPEG' };

/** A version reader over a table, recording what it was asked. */
function reader(versions: Record<string, number | null>) {
  const asked: string[] = [];
  const read = (path: string): ToolVersion | null => {
    asked.push(path);
    const major = versions[path];
    return major === null || major === undefined ? null : { label: `${major}.0`, major };
  };
  return { read, asked };
}

test('chooseTool: the first FFmpeg 6+ wins and later candidates are not even run', () => {
  const r = reader({ [pkg.path]: 7, [sys.path]: 6 });
  assert.deepEqual(chooseTool('ffmpeg', [pkg, sys], r.read), { ...pkg, version: { label: '7.0', major: 7 }, problem: null });
  assert.deepEqual(r.asked, [pkg.path]);
});

test('chooseTool: an old package binary gives way to a system ffmpeg 6+', () => {
  const chosen = chooseTool('ffmpeg', [pkg, sys], reader({ [pkg.path]: 4, [sys.path]: 6 }).read);
  assert.equal(chosen?.path, sys.path);
  assert.equal(chosen?.problem, null);
});

test('chooseTool: with nothing 6+, the newest found is used and the problem names it and the way out', () => {
  const chosen = chooseTool('ffmpeg', [pkg, sys], reader({ [pkg.path]: 4, [sys.path]: 5 }).read);
  assert.equal(chosen?.path, sys.path);
  assert.equal(chosen?.problem, 'ffmpeg 5.0 from PATH (/usr/bin/ffmpeg) is older than 6: install ffmpeg 6 or newer on PATH, or point VALENCE_FFMPEG at one');
  const tie = chooseTool('ffmpeg', [pkg, sys], reader({ [pkg.path]: 4, [sys.path]: 4 }).read);
  assert.equal(tie?.path, pkg.path, 'the package first among equals');
  assert.match(tie!.problem!, /^ffmpeg 4\.0 from package @ffmpeg-installer\/linux-x64 .* is older than 6/);
});

test('chooseTool: candidates that do not run are skipped; none at all is null', () => {
  assert.equal(chooseTool('ffprobe', [pkg, sys], reader({ [pkg.path]: null, [sys.path]: 6 }).read)?.path, sys.path);
  assert.equal(chooseTool('ffprobe', [pkg, sys], reader({}).read), null);
  assert.equal(chooseTool('ffprobe', [], reader({}).read), null);
});

test('chooseTool: an explicit override is used whatever its version, and flagged when old or unreadable', () => {
  assert.deepEqual(chooseTool('ffmpeg', [env], reader({ [env.path]: 8 }).read), { ...env, version: { label: '8.0', major: 8 }, problem: null });
  const old = chooseTool('ffmpeg', [env], reader({ [env.path]: 4 }).read);
  assert.equal(old?.path, env.path);
  assert.equal(old?.problem, 'ffmpeg 4.0 from VALENCE_FFMPEG (/opt/ff/ffmpeg) is older than 6; it is used because VALENCE_FFMPEG names it');
  const broken = chooseTool('ffmpeg', [env], reader({}).read);
  assert.equal(broken?.path, env.path);
  assert.equal(broken?.problem, 'VALENCE_FFMPEG=/opt/ff/ffmpeg did not answer `-version` as ffmpeg does');
});

test('packageOf names the npm package a binary lies in, also inside the unpacked asar', () => {
  assert.equal(packageOf('/app/node_modules/@ffmpeg-installer/linux-x64/ffmpeg'), '@ffmpeg-installer/linux-x64');
  assert.equal(packageOf('/opt/Valence Studio/resources/app.asar.unpacked/node_modules/@ffprobe-installer/linux-x64/ffprobe'), '@ffprobe-installer/linux-x64');
  assert.equal(packageOf('/a/node_modules/outer/node_modules/ffmpeg-bin/bin/ffmpeg'), 'ffmpeg-bin');
  assert.equal(packageOf('/usr/bin/ffmpeg'), null);
});

test('findOnPath: the first executable in PATH order, empty entries ignored', () => {
  const executables = new Set([join('/usr/bin', 'ffmpeg'), join('/usr/local/bin', 'ffmpeg')]);
  const searchPath = ['', '/nowhere', '/usr/local/bin', '/usr/bin'].join(delimiter);
  assert.equal(findOnPath('ffmpeg', searchPath, (p) => executables.has(p)), join('/usr/local/bin', 'ffmpeg'));
  assert.equal(findOnPath('ffprobe', searchPath, (p) => executables.has(p)), null);
});

test('the ffprobe this install resolves to is FFmpeg 6 or newer, and says where it came from', (t) => {
  if (process.env.VALENCE_FFPROBE) return t.skip('VALENCE_FFPROBE overrides the installed one');
  const ffprobe = resolveTool('ffprobe');
  assert.ok(ffprobe, 'an ffprobe is found');
  assert.ok(ffprobe.version && ffprobe.version.major >= 6, `ffprobe ${ffprobe.version?.label} from ${ffprobe.origin}`);
  assert.equal(ffprobe.problem, null);
  assert.ok(ffprobe.source === 'package' ? ffprobe.origin.includes('/') : ffprobe.origin === 'PATH');
});
