/**
 * Which ffmpeg and ffprobe every decode runs, and where each came from. Candidates, in order: the one
 * VALENCE_FFMPEG / VALENCE_FFPROBE names (then nothing else: an explicit choice is honoured, even an
 * old one, and `valence-studio doctor` flags it); the binary an npm package ships for this platform
 * (it works offline and inside the packaged app); the one on PATH. Each candidate's version is read
 * once per process. The first of FFmpeg 6 or newer wins; when none is, the newest found is used and
 * carries a problem that doctor reports — no npm package ships an ffmpeg 6+ binary for linux-x64 in
 * its tarball yet (README, "ffmpeg"), so refusing would leave no decoder at all.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { describeVersion, isMaintained, MIN_FFMPEG_MAJOR, parseToolVersion, type ToolVersion } from './ffmpeg-version.js';

export type ToolName = 'ffmpeg' | 'ffprobe';
export type ToolSource = 'env' | 'package' | 'system';

export interface ToolCandidate {
  path: string;
  source: ToolSource;
  /** What put it there: the variable's name, the npm package's name, or PATH. */
  origin: string;
}

export interface ResolvedTool extends ToolCandidate {
  version: ToolVersion | null;
  /** Why this binary falls short (too old, unreadable version); null when it is fine. */
  problem: string | null;
}

export const ENV_VARS: Record<ToolName, string> = { ffmpeg: 'VALENCE_FFMPEG', ffprobe: 'VALENCE_FFPROBE' };
/** Each resolves to the binary of its optional per-platform package (`@ffmpeg-installer/linux-x64`, …). */
const PACKAGES: Record<ToolName, string> = { ffmpeg: '@ffmpeg-installer/ffmpeg', ffprobe: '@ffprobe-installer/ffprobe' };

const remedy = (name: ToolName) => `install ${name} ${MIN_FFMPEG_MAJOR} or newer on PATH, or point ${ENV_VARS[name]} at one`;

export const noToolMessage = (name: ToolName) => `no ${name} found: ${remedy(name)}`;

function whence(c: ToolCandidate): string {
  if (c.source === 'env') return `from ${c.origin} (${c.path})`;
  return c.source === 'package' ? `from package ${c.origin} (${c.path})` : `from PATH (${c.path})`;
}

/**
 * Picks the binary to use among `candidates` (in preference order), reading each one's version only
 * as far as needed. Null when none runs.
 */
export function chooseTool(name: ToolName, candidates: ToolCandidate[], readVersion: (path: string) => ToolVersion | null): ResolvedTool | null {
  const old: ResolvedTool[] = [];
  for (const c of candidates) {
    const version = readVersion(c.path);
    if (c.source === 'env') {
      const problem = !version
        ? `${c.origin}=${c.path} did not answer \`-version\` as ${name} does`
        : isMaintained(version)
          ? null
          : `${name} ${describeVersion(version)} ${whence(c)} is older than ${MIN_FFMPEG_MAJOR}; it is used because ${c.origin} names it`;
      return { ...c, version, problem };
    }
    if (isMaintained(version)) return { ...c, version, problem: null };
    if (version) old.push({ ...c, version, problem: null });
  }
  // Stable: among equally old ones the earlier (the package's) stays first.
  const newest = old.sort((a, b) => b.version!.major - a.version!.major)[0];
  if (!newest) return null;
  return { ...newest, problem: `${name} ${describeVersion(newest.version!)} ${whence(newest)} is older than ${MIN_FFMPEG_MAJOR}: ${remedy(name)}` };
}

/** The npm package a binary's path lies in ("@ffmpeg-installer/linux-x64"), by its last node_modules folder. */
export function packageOf(binaryPath: string): string | null {
  const all = [...binaryPath.matchAll(/node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/g)];
  return all.length ? all[all.length - 1][1].replace('\\', '/') : null;
}

/** The first executable `name` in the PATH-like list `searchPath`. */
export function findOnPath(name: string, searchPath: string, isExecutable: (path: string) => boolean): string | null {
  const file = process.platform === 'win32' ? `${name}.exe` : name;
  for (const dir of searchPath.split(delimiter)) {
    if (dir && isExecutable(join(dir, file))) return join(dir, file);
  }
  return null;
}

const require = createRequire(import.meta.url);

function packaged(name: ToolName): ToolCandidate | null {
  let path: string;
  try {
    path = (require(PACKAGES[name]) as { path: string }).path;
  } catch {
    return null; // no package for this platform
  }
  // In a packaged Electron app the binary sits outside the asar archive.
  const unpacked = path.replace('app.asar', 'app.asar.unpacked');
  const found = existsSync(unpacked) ? unpacked : existsSync(path) ? path : null;
  return found ? { path: found, source: 'package', origin: packageOf(found) ?? PACKAGES[name] } : null;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function candidatesFor(name: ToolName): ToolCandidate[] {
  const chosen = process.env[ENV_VARS[name]];
  if (chosen) return [{ path: chosen, source: 'env', origin: ENV_VARS[name] }];
  const onPath = findOnPath(name, process.env.PATH ?? '', isExecutableFile);
  return [packaged(name), onPath ? { path: onPath, source: 'system' as const, origin: 'PATH' } : null].filter((c) => c !== null);
}

function readVersion(path: string): ToolVersion | null {
  try {
    return parseToolVersion(execFileSync(path, ['-version'], { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return null;
  }
}

const resolved = new Map<ToolName, ResolvedTool | null>();

/** The binary `name` resolves to in this process, with its version and any problem; null when there is none. */
export function resolveTool(name: ToolName): ResolvedTool | null {
  if (!resolved.has(name)) resolved.set(name, chooseTool(name, candidatesFor(name), readVersion));
  return resolved.get(name)!;
}

/** One line naming the binary that runs, for start-up logs: "ffmpeg 4.1 from package … (path); problem". */
export function describeTool(name: ToolName): string {
  const tool = resolveTool(name);
  if (!tool) return noToolMessage(name);
  return `${name} ${tool.version?.label ?? '(version unknown)'} ${whence(tool)}${tool.problem ? `; ${tool.problem}` : ''}`;
}

function toolPath(name: ToolName): string {
  const tool = resolveTool(name);
  if (!tool) throw new Error(noToolMessage(name));
  return tool.path;
}

/** Paths to run; each is resolved on first use, so a decode never waits on ffprobe's check nor a probe on ffmpeg's. */
export function ffmpegBinaries(): { readonly ffmpeg: string; readonly ffprobe: string } {
  return {
    get ffmpeg() {
      return toolPath('ffmpeg');
    },
    get ffprobe() {
      return toolPath('ffprobe');
    },
  };
}
