/**
 * Trained models: config (JSON), weights (one blob), metrics and training summary. `version` is
 * unique and is what predictions, event tracks and reports cite; `name` is a person's label for it.
 * Which version each role analyses with is kept here too (see migration 5).
 */
import type { ModelRole } from '../../contract/api.js';
import { conflict, notFound } from '../../contract/errors.js';
import type { Db } from '../db.js';

export interface StoredModelInfo {
  id: number;
  kind: string;
  architecture: string;
  version: string;
  /** A person's label; null until renamed. */
  name: string | null;
  config: unknown;
  metrics: unknown;
  trainingSummary: unknown;
  createdAt: string;
}

export interface NewModel {
  kind: string;
  architecture: string;
  version: string;
  config: unknown;
  weights: Uint8Array | null;
  metrics?: unknown;
  trainingSummary?: unknown;
}

interface ModelRow {
  id: number;
  kind: string;
  architecture: string;
  version: string;
  name: string | null;
  config: string;
  metrics: string | null;
  training_summary: string | null;
  created_at: string;
}

const COLUMNS = 'id, kind, architecture, version, name, config, metrics, training_summary, created_at';

const toInfo = (r: ModelRow): StoredModelInfo => ({
  id: r.id,
  kind: r.kind,
  architecture: r.architecture,
  version: r.version,
  name: r.name,
  config: JSON.parse(r.config),
  metrics: r.metrics === null ? null : JSON.parse(r.metrics),
  trainingSummary: r.training_summary === null ? null : JSON.parse(r.training_summary),
  createdAt: r.created_at,
});

const json = (x: unknown) => (x === undefined || x === null ? null : JSON.stringify(x));

export class ModelsRepo {
  readonly #insert;
  readonly #get;
  readonly #byVersion;
  readonly #list;
  readonly #listKind;
  readonly #weights;
  readonly #delete;
  readonly #rename;
  readonly #active;
  readonly #setActive;

  constructor(db: Db) {
    this.#insert = db.prepare(
      `INSERT INTO models (kind, architecture, version, config, weights, metrics, training_summary)
       VALUES (@kind, @architecture, @version, @config, @weights, @metrics, @trainingSummary)`,
    );
    this.#get = db.prepare<[number], ModelRow>(`SELECT ${COLUMNS} FROM models WHERE id = ?`);
    this.#byVersion = db.prepare<[string], ModelRow>(`SELECT ${COLUMNS} FROM models WHERE version = ?`);
    this.#list = db.prepare<[], ModelRow>(`SELECT ${COLUMNS} FROM models ORDER BY id`);
    this.#listKind = db.prepare<[string], ModelRow>(`SELECT ${COLUMNS} FROM models WHERE kind = ? ORDER BY id`);
    this.#weights = db.prepare<[number], { weights: Buffer | null }>('SELECT weights FROM models WHERE id = ?');
    this.#delete = db.prepare<[number]>('DELETE FROM models WHERE id = ?');
    this.#rename = db.prepare<[string | null, number]>('UPDATE models SET name = ? WHERE id = ?');
    this.#active = db.prepare<[], { role: ModelRole; version: string }>('SELECT role, version FROM active_models');
    this.#setActive = db.prepare<[ModelRole, string]>(
      'INSERT INTO active_models (role, version) VALUES (?, ?) ON CONFLICT(role) DO UPDATE SET version = excluded.version',
    );
  }

  insert(m: NewModel): StoredModelInfo {
    if (this.#byVersion.get(m.version)) throw conflict(`a model with version ${m.version} already exists`);
    const info = this.#insert.run({
      kind: m.kind,
      architecture: m.architecture,
      version: m.version,
      config: JSON.stringify(m.config),
      weights: m.weights ? Buffer.from(m.weights.buffer, m.weights.byteOffset, m.weights.byteLength) : null,
      metrics: json(m.metrics),
      trainingSummary: json(m.trainingSummary),
    });
    return this.get(Number(info.lastInsertRowid));
  }

  get(id: number): StoredModelInfo {
    const row = this.#get.get(id);
    if (!row) throw notFound(`no model ${id} in this project`);
    return toInfo(row);
  }

  byVersion(version: string): StoredModelInfo | null {
    const row = this.#byVersion.get(version);
    return row ? toInfo(row) : null;
  }

  list(kind?: string): StoredModelInfo[] {
    return (kind ? this.#listKind.all(kind) : this.#list.all()).map(toInfo);
  }

  /** The weights blob as stored (a copy the caller owns), or null for weightless models. */
  weights(id: number): Uint8Array | null {
    const row = this.#weights.get(id);
    if (!row) throw notFound(`no model ${id} in this project`);
    return row.weights ? new Uint8Array(row.weights) : null;
  }

  delete(id: number): boolean {
    return this.#delete.run(id).changes > 0;
  }

  /** `name` null: back to no label (the version is shown). */
  rename(id: number, name: string | null): StoredModelInfo {
    if (this.#rename.run(name, id).changes === 0) throw notFound(`no model ${id} in this project`);
    return this.get(id);
  }

  /** The version each role was explicitly set to; a role without one follows the default rule. */
  activeVersions(): Partial<Record<ModelRole, string>> {
    return Object.fromEntries(this.#active.all().map((r) => [r.role, r.version]));
  }

  setActive(role: ModelRole, version: string): void {
    this.#setActive.run(role, version);
  }
}
