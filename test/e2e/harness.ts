/**
 * Browser mode under a real headless Chromium: a temp project served by the loopback server, the
 * built renderer, and a page pointed at the tokenised URL.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { RENDERER_DIR, type Session } from '../../src-main/app/session.js';
import { Workspace } from '../../src-main/app/workspace.js';
import { startBrowserServer, type BrowserServer } from '../../src-main/transports/http.js';
import { REPO_ROOT, tempDir } from '../helpers/media.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');

/** Why the e2e tests cannot run here, or null when they can. */
export function missingPrerequisite(): string | null {
  return existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
}

/** `npm test` builds the renderer first; a lone `node --test` run builds it here. */
export function ensureRendererBuilt(): void {
  if (existsSync(join(RENDERER_DIR, 'index.html'))) return;
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'src-renderer/vite.config.ts'], {
    cwd: REPO_ROOT,
    stdio: 'ignore',
  });
}

export interface Studio {
  /** The open project's session (the project menu may switch it). */
  readonly session: Session;
  workspace: Workspace;
  server: BrowserServer;
  browser: Browser;
  page: Page;
  /** Messages the page logged as errors (CSP violations, uncaught exceptions). */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openStudio(projectPath = join(tempDir('vs-e2e-'), 'e2e.vsproj')): Promise<Studio> {
  ensureRendererBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  // As browser mode runs it: the workspace serves the project and its menu; the recent list stays in the test's folder.
  const workspace = new Workspace(projectPath, { recentFile: join(tempDir('vs-e2e-recent-'), 'recent.json') });
  const server = await startBrowserServer({ api: workspace, staticDir: RENDERER_DIR, uploadDir: () => workspace.uploadDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && pageErrors.push(msg.text()));
  await page.goto(server.url);
  return {
    get session() {
      return workspace.session;
    },
    workspace,
    server,
    browser,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await server.close();
      workspace.close();
    },
  };
}

/** Waits until the timeline has drawn everything of the open movie. */
export async function timelineReady(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForSelector('[data-testid="timeline"][data-ready="true"]', { timeout });
}

/** An element's box on screen (failing when it is not shown). */
export async function rect(l: Locator) {
  const b = await l.boundingBox();
  assert.ok(b, 'on screen');
  return b;
}

/** Whether two boxes share any area: what "covers" means for the layout promises. */
export const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
