/** Project settings: one JSON value per key, unknown keys and missing values fall back to the defaults. */
import { DEFAULT_PROJECT_SETTINGS, type ProjectSettings } from '../../contract/domain.js';
import type { Db } from '../db.js';

export class SettingsRepo {
  readonly #all;
  readonly #put;

  constructor(private readonly db: Db) {
    this.#all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    this.#put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  get(): ProjectSettings {
    const stored = Object.fromEntries(this.#all.all().map((r) => [r.key, JSON.parse(r.value) as unknown]));
    const known = Object.keys(DEFAULT_PROJECT_SETTINGS).filter((k) => k in stored);
    return { ...DEFAULT_PROJECT_SETTINGS, ...Object.fromEntries(known.map((k) => [k, stored[k]])) };
  }

  update(patch: Partial<ProjectSettings>): ProjectSettings {
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) this.#put.run(key, JSON.stringify(value));
    }).immediate();
    return this.get();
  }
}
