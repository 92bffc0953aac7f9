/**
 * The recent-projects list: a small JSON file in the user's config folder, shared by every window and
 * process of the app. The list operations are pure; the file is read afresh each time (another
 * process may have written it) and replaced whole. A damaged file reads as an empty list: losing the
 * list is better than refusing to start.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { RecentProject } from '../contract/api.js';

export const RECENT_LIMIT = 10;

export interface RecentEntry {
  path: string;
  openedAt: string;
}

const FILE_VERSION = 1;
const fileSchema = z.object({
  version: z.literal(FILE_VERSION),
  projects: z.array(z.object({ path: z.string().min(1), openedAt: z.string() })),
});

/** `path` first, as opened `at`; its earlier entry dropped and the list cut to RECENT_LIMIT. */
export function withOpened(list: readonly RecentEntry[], path: string, at: string): RecentEntry[] {
  return [{ path, openedAt: at }, ...list.filter((e) => e.path !== path)].slice(0, RECENT_LIMIT);
}

export const without = (list: readonly RecentEntry[], path: string): RecentEntry[] => list.filter((e) => e.path !== path);

/** The entries a recent file holds, or none when its text is not a list this app wrote. */
export function parseRecent(text: string): RecentEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  const parsed = fileSchema.safeParse(data);
  return parsed.success ? parsed.data.projects.map(({ path, openedAt }) => ({ path, openedAt })).slice(0, RECENT_LIMIT) : [];
}

export const formatRecent = (list: readonly RecentEntry[]): string => `${JSON.stringify({ version: FILE_VERSION, projects: list }, null, 2)}\n`;

/** `$VALENCE_STUDIO_CONFIG_DIR/recent.json`, else under `$XDG_CONFIG_HOME` (by default ~/.config). */
export function recentFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.VALENCE_STUDIO_CONFIG_DIR || join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'valence-studio');
  return join(dir, 'recent.json');
}

export class RecentProjects {
  constructor(readonly file: string) {}

  /** Most recent first; `exists` says whether the file is still there. */
  list(): RecentProject[] {
    return this.#read().map((e) => ({ ...e, exists: existsSync(e.path) }));
  }

  /**
   * Puts `path` first. The list is a convenience: a config folder that cannot be written must not
   * stop a project from opening, so a failure is only reported on stderr.
   */
  opened(path: string): void {
    try {
      this.#write(withOpened(this.#read(), path, new Date().toISOString()));
    } catch (err) {
      console.warn(`Valence Studio: could not update the recent-projects list ${this.file}: ${(err as Error).message}`);
    }
  }

  forget(path: string): RecentProject[] {
    this.#write(without(this.#read(), path));
    return this.list();
  }

  #read(): RecentEntry[] {
    try {
      return parseRecent(readFileSync(this.file, 'utf8'));
    } catch {
      // No list yet, or one that cannot be read: start afresh.
      return [];
    }
  }

  /** Written aside and renamed, so a crash or another process never sees half a list. */
  #write(list: readonly RecentEntry[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const aside = `${this.file}.${process.pid}.tmp`;
    writeFileSync(aside, formatRecent(list));
    renameSync(aside, this.file);
  }
}
