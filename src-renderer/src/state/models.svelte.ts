/**
 * The model registry as the Models panel shows it: every detector and valence model version with the
 * active one per role, and the actions on it. Each action answers with the whole new registry, so the
 * list is replaced rather than patched; refusals go to the error banner in the server's own words.
 */
import type { ApiParams, ApiTransport, ModelRole, RegistryModel } from '../../../src-main/contract/api.js';
import type { Notices } from './notices.svelte.js';

export class ModelRegistry {
  readonly #api: ApiTransport;
  readonly #notices: Notices;
  #list = $state.raw<RegistryModel[]>([]);

  constructor(api: ApiTransport, notices: Notices) {
    this.#api = api;
    this.#notices = notices;
  }

  get list(): readonly RegistryModel[] {
    return this.#list;
  }

  /** The versions of `role`, shipped default first (the server's order). */
  of(role: ModelRole): RegistryModel[] {
    return this.#list.filter((m) => m.role === role);
  }

  async load(): Promise<void> {
    await this.#run('Loading the model registry', () => this.#api.call('models.registry', {}));
  }

  activate(version: string): Promise<boolean> {
    return this.#run(`Activating ${version}`, () => this.#api.call('models.activate', { version }));
  }

  revert(role: ModelRole): Promise<boolean> {
    return this.#run('Reverting to the shipped default', () => this.#api.call('models.revert', { role }));
  }

  rename(params: ApiParams<'models.rename'>): Promise<boolean> {
    return this.#run(`Renaming ${params.version}`, () => this.#api.call('models.rename', params));
  }

  delete(version: string): Promise<boolean> {
    return this.#run(`Deleting ${version}`, () => this.#api.call('models.delete', { version }));
  }

  async #run(what: string, call: () => Promise<RegistryModel[]>): Promise<boolean> {
    try {
      this.#list = await call();
      return true;
    } catch (err) {
      this.#notices.report(err, what);
      return false;
    }
  }
}
