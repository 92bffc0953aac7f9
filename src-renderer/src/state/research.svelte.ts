/**
 * The research side of a project: its model registry, evaluation reports and settings, and the jobs
 * that make them (retraining the detectors or the valence model, running the Table II evaluation).
 */
import type { ApiParams, ApiTransport, ReportData, SettingsView } from '../../../src-main/contract/api.js';
import type { ReportInfo } from '../../../src-main/contract/domain.js';
import type { Job } from '../../../src-main/contract/jobs.js';
import { ModelRegistry } from './models.svelte.js';
import type { Notices } from './notices.svelte.js';

export class Research {
  readonly #api: ApiTransport;
  readonly #notices: Notices;
  #reports = $state.raw<ReportInfo[]>([]);
  #settings = $state.raw<SettingsView | null>(null);
  #openReport = $state.raw<ReportData | null>(null);
  open = $state(false);
  readonly registry: ModelRegistry;

  constructor(api: ApiTransport, notices: Notices) {
    this.#api = api;
    this.#notices = notices;
    this.registry = new ModelRegistry(api, notices);
  }

  get reports(): readonly ReportInfo[] {
    return this.#reports;
  }
  get settings(): SettingsView | null {
    return this.#settings;
  }
  /** The report shown in the viewer, null when it is closed. */
  get report(): ReportData | null {
    return this.#openReport;
  }

  async refresh(what: 'models' | 'reports' | 'settings' | 'all' = 'all'): Promise<void> {
    if (what === 'all' || what === 'models') await this.registry.load();
    try {
      if (what === 'all' || what === 'reports') this.#reports = await this.#api.call('reports.list', {});
      if (what === 'all' || what === 'settings') this.#settings = await this.#api.call('settings.get', {});
    } catch (err) {
      this.#notices.report(err, 'Loading reports and settings');
    }
  }

  async #start<T>(what: string, call: () => Promise<T>): Promise<T | null> {
    try {
      return await call();
    } catch (err) {
      this.#notices.report(err, what);
      return null;
    }
  }

  evaluate(params: ApiParams<'valence.evaluate'>): Promise<Job | null> {
    return this.#start('Evaluation', () => this.#api.call('valence.evaluate', params));
  }

  trainValence(params: ApiParams<'valence.train'>): Promise<Job | null> {
    return this.#start('Training the valence model', () => this.#api.call('valence.train', params));
  }

  trainDetectors(params: ApiParams<'sed.train'>): Promise<Job | null> {
    return this.#start('Retraining the detectors', () => this.#api.call('sed.train', params));
  }

  async updateSettings(patch: ApiParams<'settings.update'>): Promise<boolean> {
    const settings = await this.#start('Settings', () => this.#api.call('settings.update', patch));
    if (settings) this.#settings = settings;
    return settings !== null;
  }

  async showReport(reportId: number): Promise<void> {
    this.#openReport = await this.#start('Opening the report', () => this.#api.call('reports.get', { reportId }));
  }

  closeReport(): void {
    this.#openReport = null;
  }

  async deleteReport(reportId: number): Promise<void> {
    if (await this.#start('Deleting the report', () => this.#api.call('reports.delete', { reportId }))) await this.refresh('reports');
  }
}
