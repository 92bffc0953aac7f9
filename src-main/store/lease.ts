/**
 * The job-runner lease: at most one process at a time runs jobs on a project (analysis, training,
 * import), because two runners would write the same descriptor sets. A lock file beside the project
 * names its holder; any process can read it to say who holds the project, and a holder that is gone
 * (its pid dead on this host, or no heartbeat for a while from another host) can be taken over.
 * Short edits need no lease: SQLite serialises them with IMMEDIATE transactions.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

export interface LeaseHolder {
  pid: number;
  host: string;
  /** What holds it, in words: "valence-studio analyze", "browser mode", … */
  label: string;
  since: string;
  heartbeatAt: string;
}

export type LeaseState = { state: 'free' } | { state: 'held'; holder: LeaseHolder; alive: boolean };

interface LeaseFile extends LeaseHolder {
  token: string;
  /** The process's start time (Linux), so a pid reused after a reboot does not look alive. */
  pidStart: string | null;
}

export interface Lease {
  readonly holder: LeaseHolder;
  release(): void;
}

const HEARTBEAT_MS = 5_000;
/** A holder on another host that has not beaten for this long is gone (network filesystems). */
export const REMOTE_STALE_MS = 60_000;
/** A take-over guard older than this was left by a crash. */
const GUARD_STALE_MS = 10_000;

export const leasePath = (projectPath: string) => `${projectPath}.lock`;

let label = `${process.argv.slice(1, 3).map((a) => a.split('/').pop()).join(' ')}`;

/** How this process names itself to others that find the project busy (set once at start-up). */
export function setProcessLabel(name: string): void {
  label = name;
}

export const processLabel = () => label;

function processStart(pid: number): string | null {
  try {
    // Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces, so count after ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process named in a lease file still exists; pure apart from the two probes given. */
export function holderAlive(
  file: Pick<LeaseFile, 'pid' | 'host' | 'pidStart' | 'heartbeatAt'>,
  probe: { host: string; now: number; alive(pid: number): boolean; start(pid: number): string | null },
): boolean {
  if (file.host !== probe.host) return probe.now - Date.parse(file.heartbeatAt) < REMOTE_STALE_MS;
  if (!probe.alive(file.pid)) return false;
  return file.pidStart === null || probe.start(file.pid) === file.pidStart;
}

const localProbe = () => ({ host: hostname(), now: Date.now(), alive: pidAlive, start: processStart });

function readFile(path: string): LeaseFile | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LeaseFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Half-written or foreign content: treat as a dead holder, so it can be taken over.
    return { pid: 0, host: hostname(), label: 'an unreadable lock file', since: '', heartbeatAt: '', token: '', pidStart: null };
  }
}

const publicHolder = ({ pid, host, label, since, heartbeatAt }: LeaseFile): LeaseHolder => ({ pid, host, label, since, heartbeatAt });

export function readLease(projectPath: string): LeaseState {
  const file = readFile(leasePath(projectPath));
  if (!file) return { state: 'free' };
  return { state: 'held', holder: publicHolder(file), alive: holderAlive(file, localProbe()) };
}

export function describeHolder(h: LeaseHolder): string {
  return `${h.label} (pid ${h.pid} on ${h.host}, since ${h.since})`;
}

function createExclusive(path: string, content: LeaseFile): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, JSON.stringify(content));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Runs `fn` while holding a short guard file, so two processes never both take over a dead holder. */
function withTakeoverGuard<T>(path: string, fn: () => T): T | null {
  const guard = `${path}.takeover`;
  try {
    if (Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS) unlinkSync(guard);
  } catch {
    // No guard, or another process removed it first.
  }
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw err;
  }
  closeSync(fd);
  try {
    return fn();
  } finally {
    unlinkSync(guard);
  }
}

/**
 * Takes the lease, or returns the live holder that has it. A dead holder's lease is taken over: once
 * held, whatever the project says is running is known to be left over from a process that is gone.
 */
export function tryAcquireLease(projectPath: string, label: string): Lease | LeaseHolder {
  const path = leasePath(projectPath);
  const now = new Date().toISOString();
  const mine: LeaseFile = { pid: process.pid, host: hostname(), label, since: now, heartbeatAt: now, token: randomBytes(12).toString('hex'), pidStart: processStart(process.pid) };
  for (let attempt = 0; attempt < 40; attempt++) {
    if (createExclusive(path, mine)) return holdLease(path, mine);
    const outcome = withTakeoverGuard(path, (): LeaseHolder | 'retry' => {
      const existing = readFile(path);
      if (!existing) return 'retry';
      if (holderAlive(existing, localProbe())) return publicHolder(existing);
      unlinkSync(path);
      return 'retry';
    });
    if (outcome && outcome !== 'retry') return outcome;
    // Another process is taking over or just let go: look again shortly.
    if (outcome === null) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
  }
  throw new Error(`could not take the project lock ${path}: another process keeps taking it over`);
}

function holdLease(path: string, file: LeaseFile): Lease {
  const beat = () => {
    // Written aside and renamed, so a reader never sees half a file.
    const current = readFile(path);
    if (current?.token !== file.token) return;
    const next = `${path}.${file.token}`;
    writeFileSync(next, JSON.stringify({ ...file, heartbeatAt: new Date().toISOString() }));
    renameSync(next, path);
  };
  const timer = setInterval(() => {
    try {
      beat();
    } catch {
      // A missed beat only matters to other hosts, and only after REMOTE_STALE_MS.
    }
  }, HEARTBEAT_MS);
  timer.unref();
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    clearInterval(timer);
    process.off('exit', release);
    try {
      if (readFile(path)?.token === file.token) unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
  process.on('exit', release);
  return { holder: publicHolder(file), release };
}
