/** One open project and the API over it: what the Electron shell, browser mode and tests all start. */
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApiService } from '../api/service.js';
import { setProcessLabel } from '../store/lease.js';
import { Project } from '../store/project.js';

export interface Session {
  project: Project;
  api: ApiService;
  /** Folder beside the project where movies uploaded from a browser are kept. */
  uploadDir: string;
  close(): void;
}

/**
 * `label` names this process to others that find the project busy ("the Valence Studio app");
 * `create: false` refuses a path where no project is yet instead of making one (and its folder).
 */
export function openSession(projectPath: string, { label, create = true }: { label?: string; create?: boolean } = {}): Session {
  if (label) setProcessLabel(label);
  const path = resolve(projectPath);
  if (create) mkdirSync(dirname(path), { recursive: true });
  const project = Project.open(path, { create });
  const api = new ApiService(project);
  return {
    project,
    api,
    uploadDir: `${path}.media`,
    close() {
      api.dispose();
      project.close();
    },
  };
}

export function defaultProjectPath(): string {
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return join(base, 'valence-studio', 'Untitled.vsproj');
}

/** The built renderer, next to the sources in a checkout. */
export const RENDERER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist-renderer');
