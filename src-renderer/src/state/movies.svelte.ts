/** The project's movies, which one is open, and getting new ones in (file dialog, upload, drop). */
import type { ApiTransport } from '../../../src-main/contract/api.js';
import type { Movie, ProjectInfo } from '../../../src-main/contract/domain.js';
import type { Job } from '../../../src-main/contract/jobs.js';
import type { Notices } from './notices.svelte.js';

export class Movies {
  readonly #api: ApiTransport;
  readonly #notices: Notices;
  #project = $state.raw<ProjectInfo | null>(null);
  #list = $state.raw<Movie[]>([]);
  #currentId = $state<number | null>(null);
  /** Upload progress 0–1 of a browser-mode import, null when none is running. */
  #uploading = $state<{ name: string; fraction: number } | null>(null);

  readonly current = $derived(this.#list.find((m) => m.id === this.#currentId) ?? null);

  constructor(api: ApiTransport, notices: Notices) {
    this.#api = api;
    this.#notices = notices;
  }

  get project(): ProjectInfo | null {
    return this.#project;
  }
  get list(): readonly Movie[] {
    return this.#list;
  }
  get currentId(): number | null {
    return this.#currentId;
  }
  get uploading(): { name: string; fraction: number } | null {
    return this.#uploading;
  }

  async refresh(): Promise<void> {
    try {
      const [project, movies] = await Promise.all([this.#api.call('project.info', {}), this.#api.call('movies.list', {})]);
      this.#project = project;
      this.#list = movies;
      if (this.#currentId !== null && !movies.some((m) => m.id === this.#currentId)) this.#currentId = null;
      if (this.#currentId === null && movies.length) this.#currentId = movies[movies.length - 1].id;
    } catch (err) {
      this.#notices.report(err, 'Opening the project');
    }
  }

  select(id: number | null): void {
    this.#currentId = id;
  }

  /** A picked or dropped file: its real path in Electron, an upload in browser mode. */
  async importFile(file: File): Promise<Job | null> {
    const path = this.#api.pathForFile?.(file);
    if (path) return this.importPath(path, file.name);
    if (!this.#api.upload) {
      this.#notices.report(new Error('this window cannot read dropped files'), `Import of ${file.name}`);
      return null;
    }
    this.#uploading = { name: file.name, fraction: 0 };
    try {
      const uploaded = await this.#api.upload(file, (fraction) => (this.#uploading = { name: file.name, fraction }));
      return await this.importPath(uploaded.path, file.name);
    } catch (err) {
      this.#notices.report(err, `Import of ${file.name}`);
      return null;
    } finally {
      this.#uploading = null;
    }
  }

  /** Runs every stage (descriptors, sound events, picture, valence) on the current movie. */
  async analyzeCurrent(): Promise<Job | null> {
    const movie = this.current;
    if (!movie) return null;
    try {
      return await this.#api.call('movies.analyze', { movieId: movie.id });
    } catch (err) {
      this.#notices.report(err, `Analysis of ${movie.title}`);
      return null;
    }
  }

  /**
   * Deletes a film and all the project holds about it; the file on disk stays. Answers why it was
   * refused, or null once it is gone (the 'movie.changed' push refreshes the list).
   */
  async remove(movie: Movie): Promise<string | null> {
    try {
      await this.#api.call('movies.remove', { movieId: movie.id });
      if (this.#currentId === movie.id) this.#currentId = null;
      await this.refresh();
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  async importPath(path: string, name = path.split(/[\\/]/).pop() ?? path): Promise<Job | null> {
    try {
      return await this.#api.call('movies.import', { path });
    } catch (err) {
      this.#notices.report(err, `Import of ${name}`);
      return null;
    }
  }
}
