/**
 * The project menu: the recent list, and opening or creating a project. A switch that succeeds needs
 * nothing more here: the core tells every window (`project.switched`) and each starts afresh.
 */
import type { ApiTransport, RecentProject } from '../../../src-main/contract/api.js';

export class ProjectMenuState {
  readonly #api: ApiTransport;
  recent = $state.raw<RecentProject[]>([]);
  /** Why the last open, create or forget was refused, in the core's words. */
  refusal = $state<string | null>(null);
  /** A switch is under way: the buttons wait. */
  busy = $state(false);

  constructor(api: ApiTransport) {
    this.#api = api;
  }

  /** Electron offers native dialogs; in a browser the path is typed. */
  get hasDialogs(): boolean {
    return this.#api.projectDialog !== undefined;
  }

  async loadRecent(): Promise<void> {
    try {
      this.recent = await this.#api.call('project.recent', {});
    } catch (err) {
      this.#refuse(err);
    }
  }

  /** True once the project is open: a switch also reloads every window, opening the current one does not. */
  openProject(path: string): Promise<boolean> {
    return this.#switch(() => this.#api.call('project.open', { path }));
  }

  createProject(path: string): Promise<boolean> {
    return this.#switch(() => this.#api.call('project.create', { path }));
  }

  /** Electron: the native dialog picks the path, then the same checks as a typed one. */
  async choose(mode: 'open' | 'new'): Promise<boolean> {
    const path = await this.#api.projectDialog?.(mode);
    if (!path) return false;
    return mode === 'open' ? this.openProject(path) : this.createProject(path);
  }

  async forget(path: string): Promise<void> {
    try {
      this.recent = await this.#api.call('project.forgetRecent', { path });
    } catch (err) {
      this.#refuse(err);
    }
  }

  async #switch(run: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this.refusal = null;
    try {
      await run();
      return true;
    } catch (err) {
      this.#refuse(err);
      // A refused path may have just gone missing: show the list as it is now.
      await this.loadRecent();
      return false;
    } finally {
      this.busy = false;
    }
  }

  #refuse(err: unknown): void {
    this.refusal = err instanceof Error ? err.message : String(err);
  }
}
