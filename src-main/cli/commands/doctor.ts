/**
 * `valence-studio doctor [--project <file>] [--json]`: what this installation decodes and infers with
 * (ffmpeg and ffprobe with their versions and origin, the TF.js backend, onnxruntime, the shipped
 * models), whether Electron and Chromium are there, and who holds a project's job lease. Exit 0 when
 * everything the analysis needs is present, 1 naming each problem on stderr.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { badRequest } from '../../contract/errors.js';
import { noToolMessage, resolveTool, type ToolName } from '../../media/ffmpeg-binaries.js';
import { describeVersion } from '../../media/ffmpeg-version.js';
import { readLease } from '../../store/lease.js';
import { parseCommandArgs } from '../args.js';
import { formatTable, verdict, type Findings, type ModelFinding } from './doctor-report.js';

const USAGE = 'valence-studio doctor [--project <file>] [--json]';
/** Where the code loads its bundled models from (sed/detector.ts, sed/tagger/tagger.ts, …), from this file's depth. */
const MODELS_DIR = fileURLToPath(new URL('../../../resources/models', import.meta.url));
const DEFAULT_CHROMIUM = '/usr/bin/chromium';

const require = createRequire(import.meta.url);
const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0];

function packageVersion(name: string): string | null {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return null;
  }
}

function tool(name: ToolName): Findings['ffmpeg'] {
  const t = resolveTool(name);
  if (!t) return { missing: noToolMessage(name) };
  const { path, source, origin, problem } = t;
  return { path, source, origin, version: t.version ? describeVersion(t.version) : null, major: t.version?.major ?? null, problem };
}

async function tfjs(): Promise<Findings['tfjs']> {
  const version = packageVersion('@tensorflow/tfjs-core');
  try {
    // Loaded here, not at the top, so a broken ML install is a finding rather than a crash.
    const { initBackend } = await import('../../ml/backend.js');
    return { version, backend: await initBackend(), error: null };
  } catch (err) {
    return { version, backend: null, error: firstLine(err) };
  }
}

async function onnxruntime(): Promise<Findings['onnxruntime']> {
  const version = packageVersion('onnxruntime-node');
  try {
    await import('onnxruntime-node');
    return { version, error: null };
  } catch (err) {
    return { version, error: firstLine(err) };
  }
}

function modelVersion(dir: string): string | null {
  try {
    const { version } = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : null;
  } catch {
    return null;
  }
}

function models(dir: string): ModelFinding[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const path = join(dir, d.name);
      const bytes = readdirSync(path, { withFileTypes: true })
        .filter((f) => f.isFile())
        .reduce((sum, f) => sum + statSync(join(path, f.name)).size, 0);
      return { name: d.name, version: modelVersion(path), bytes, path };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function electron(): Findings['electron'] {
  const version = packageVersion('electron');
  if (!version) return { version: null, binary: null };
  try {
    // The package's main is the binary's path, and throws when the binary was never downloaded.
    const binary = require('electron') as string;
    return { version, binary: existsSync(binary) ? binary : null };
  } catch {
    return { version, binary: null };
  }
}

function chromium(): Findings['chromium'] {
  const path = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
  if (!existsSync(path)) return { path, found: false, version: null };
  try {
    const out = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'ignore'] });
    return { path, found: true, version: /\d+(?:\.\d+){3}/.exec(out)?.[0] ?? null };
  } catch {
    return { path, found: true, version: null };
  }
}

function project(file: string): NonNullable<Findings['project']> {
  const path = resolve(file);
  if (!existsSync(path)) throw badRequest(`project not found: ${path}`);
  return { path, lease: readLease(path) };
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { project: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  if (positionals.length > 0) throw badRequest(`unexpected argument '${positionals[0]}'\nusage: ${USAGE}`);
  const lease = values.project === undefined ? {} : { project: project(values.project) };
  const report = verdict({
    node: process.version,
    ffmpeg: tool('ffmpeg'),
    ffprobe: tool('ffprobe'),
    tfjs: await tfjs(),
    onnxruntime: await onnxruntime(),
    models: { dir: MODELS_DIR, found: models(MODELS_DIR) },
    electron: electron(),
    chromium: chromium(),
    ...lease,
  });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatTable(report));
  for (const problem of report.problems) console.error(`valence-studio doctor: ${problem}`);
  return report.ok ? 0 : 1;
}
