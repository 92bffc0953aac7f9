/**
 * What `valence-studio doctor` found, as plain data, and the two ways it is shown: one JSON object or a
 * short aligned table. Pure, so the verdict (which findings are problems) is tested without a machine.
 */
import type { LeaseState } from '../../store/lease.js';

export interface ToolFinding {
  path: string;
  source: 'env' | 'package' | 'system';
  origin: string;
  version: string | null;
  major: number | null;
  problem: string | null;
}

export interface ModelFinding {
  name: string;
  /** The model file's own version string, when it has one. */
  version: string | null;
  bytes: number;
  path: string;
}

export interface Findings {
  node: string;
  ffmpeg: ToolFinding | { missing: string };
  ffprobe: ToolFinding | { missing: string };
  tfjs: { version: string | null; backend: string | null; error: string | null };
  onnxruntime: { version: string | null; error: string | null };
  models: { dir: string; found: ModelFinding[] };
  electron: { version: string | null; binary: string | null };
  /** CHROMIUM_PATH, else Debian's /usr/bin/chromium, which the end-to-end tests drive. */
  chromium: { path: string; found: boolean; version: string | null };
  project?: { path: string; lease: LeaseState };
}

export interface Report extends Findings {
  ok: boolean;
  problems: string[];
}

/** Missing or too-old decoders and an ML stack that will not start are problems; Electron and Chromium are optional. */
export function verdict(f: Findings): Report {
  const problems: string[] = [];
  for (const tool of [f.ffmpeg, f.ffprobe]) {
    if ('missing' in tool) problems.push(tool.missing);
    else if (tool.problem) problems.push(tool.problem);
  }
  if (f.tfjs.error) problems.push(`TensorFlow.js: ${f.tfjs.error}`);
  if (f.onnxruntime.error) problems.push(`onnxruntime-node: ${f.onnxruntime.error}`);
  if (f.models.found.length === 0) problems.push(`no shipped models under ${f.models.dir}`);
  return { ok: problems.length === 0, problems, ...f };
}

const KB = 1024;
export function formatBytes(n: number): string {
  if (n < KB) return `${n} B`;
  if (n < KB * KB) return `${(n / KB).toFixed(0)} KB`;
  return `${(n / KB / KB).toFixed(1)} MB`;
}

function tool(t: ToolFinding | { missing: string }): string {
  if ('missing' in t) return 'MISSING';
  const from = t.source === 'env' ? t.origin : t.source === 'package' ? `package ${t.origin}` : 'system PATH';
  return `${t.version ?? 'unknown version'}  ${from}  ${t.path}${t.problem ? '  PROBLEM' : ''}`;
}

function lease(state: LeaseState): string {
  if (state.state === 'free') return 'free';
  const h = state.holder;
  return `held by ${h.label} (pid ${h.pid} on ${h.host}, since ${h.since}, last heartbeat ${h.heartbeatAt})${state.alive ? '' : ', holder gone: can be taken over'}`;
}

function modelRows(found: ModelFinding[]): [string, string][] {
  const nameWidth = Math.max(0, ...found.map((m) => m.name.length));
  const versionWidth = Math.max(0, ...found.map((m) => (m.version ?? '-').length));
  return found.map((m) => ['model', `${m.name.padEnd(nameWidth)}  ${(m.version ?? '-').padEnd(versionWidth)}  ${formatBytes(m.bytes)}`]);
}

export function formatTable(r: Report): string {
  const rows: [string, string][] = [
    ['ffmpeg', tool(r.ffmpeg)],
    ['ffprobe', tool(r.ffprobe)],
    ['node', r.node],
    ['tfjs', r.tfjs.backend ? `${r.tfjs.version} on the ${r.tfjs.backend} backend` : `${r.tfjs.version ?? '?'}, no backend`],
    ['onnxruntime', r.onnxruntime.error ? `${r.onnxruntime.version ?? '?'}, does not load` : `onnxruntime-node ${r.onnxruntime.version}`],
    ...modelRows(r.models.found),
    ['electron', r.electron.version ? `${r.electron.version}, ${r.electron.binary ?? 'binary not downloaded'}` : 'not installed'],
    ['chromium', r.chromium.found ? `${r.chromium.version ?? 'unknown version'}  ${r.chromium.path}` : `none at ${r.chromium.path}`],
  ];
  if (r.project) rows.push(['project', r.project.path], ['lease', lease(r.project.lease)]);
  rows.push(['status', r.ok ? 'ok' : `${r.problems.length} problem${r.problems.length > 1 ? 's' : ''}`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
