/**
 * The project menu in real headless Chromium, over a server that switches projects: open the menu and
 * see the full path, create a new project and land on its empty film list, have a bad file refused
 * with the reason (the project stays), and open the first project again from Recent.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { RENDERER_DIR } from '../../src-main/app/session.js';
import { Workspace } from '../../src-main/app/workspace.js';
import { startBrowserServer, type BrowserServer } from '../../src-main/transports/http.js';
import { makeClip, tempDir } from '../helpers/media.js';
import { ARTIFACTS, CHROMIUM, ensureRendererBuilt, missingPrerequisite } from './harness.js';

const skip = missingPrerequisite();
const dir = tempDir('vs-e2e-menu-');
const first = join(dir, 'first.vsproj');
const second = join(dir, 'second.vsproj');
const shots = process.env.SCREENSHOT_DIR ?? ARTIFACTS;
let workspace: Workspace;
let server: BrowserServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  if (skip) return;
  ensureRendererBuilt();
  mkdirSync(shots, { recursive: true });
  workspace = new Workspace(first, { recentFile: join(dir, 'config', 'recent.json') });
  await workspace.call('movies.import', { path: makeClip(dir, { seconds: 2, name: 'opening.mp4' }) });
  await workspace.session.api.jobs.whenIdle();
  server = await startBrowserServer({ api: workspace, staticDir: RENDERER_DIR, uploadDir: () => workspace.uploadDir });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'] });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && pageErrors.push(msg.text()));
  await page.goto(server.url);
});
after(async () => {
  await browser?.close();
  await server?.close();
  workspace?.close();
});

const films = () => page.getByTestId('movie-picker').locator('option').allInnerTexts();
/** A switch reloads the page: wait until the toolbar names the new project. */
const onProject = (name: string) =>
  page.waitForFunction((n) => document.querySelector('[data-testid="project-path"]')?.textContent?.trim() === n, name, { timeout: 15_000 });

async function openMenu() {
  await page.getByTestId('project-path').click();
  await page.getByTestId('project-menu').waitFor({ state: 'visible' });
}

test('the menu shows the full path of the open project, copyable', { skip: skip ?? false }, async () => {
  await onProject('first.vsproj');
  assert.deepEqual(await films(), ['opening']);
  await openMenu();
  assert.equal(await page.getByTestId('project-current-path').inputValue(), first);
  await page.getByTestId('project-copy-path').click();
  assert.match(await page.getByTestId('project-copy-note').innerText(), /Copied|Ctrl\+C/);
  await page.keyboard.press(']');
  assert.equal(await page.getByTestId('speed').inputValue(), '1', 'the timeline keys stay off behind the menu');
  const recent = page.getByTestId('recent-project');
  assert.equal(await recent.count(), 1);
  assert.equal(await recent.getAttribute('data-path'), first);
  assert.ok(await recent.getByTestId('recent-open').isDisabled(), 'the open project is not offered again');
});

test('New project switches to an empty film list', { skip: skip ?? false }, async () => {
  await page.getByTestId('project-path-input').fill(second.replace(/\.vsproj$/, ''));
  await page.getByTestId('project-create').click();
  await onProject('second.vsproj');
  assert.deepEqual(await films(), ['No movies yet']);
  assert.ok(await page.getByTestId('movie-picker').isDisabled());
  assert.equal(workspace.session.project.path, second);
});

test('a file that is not a project is refused with the reason, and the project stays open', { skip: skip ?? false }, async () => {
  const notes = join(dir, 'notes.vsproj');
  writeFileSync(notes, 'shopping list');
  await openMenu();
  await page.getByTestId('project-path-input').fill(notes);
  await page.getByTestId('project-open').click();
  const error = page.getByTestId('project-error');
  await error.waitFor({ state: 'visible' });
  assert.match(await error.innerText(), /notes\.vsproj is not a Valence Studio project \(not an SQLite database\)/);
  assert.equal(await page.getByTestId('project-current-path').inputValue(), second);
  assert.equal(workspace.session.project.path, second);
});

test('Recent lists both projects, newest first, and opens the first again', { skip: skip ?? false }, async () => {
  const recent = page.getByTestId('recent-project');
  assert.deepEqual(await recent.evaluateAll((els) => els.map((e) => e.getAttribute('data-path'))), [second, first]);
  await page.screenshot({ path: join(shots, 'project-menu.png') });
  await page.locator(`[data-testid="recent-project"][data-path="${first}"]`).getByTestId('recent-open').click();
  await onProject('first.vsproj');
  assert.deepEqual(await films(), ['opening']);
  assert.equal(workspace.session.project.path, first);
  assert.deepEqual(pageErrors, []);
});
