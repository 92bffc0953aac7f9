/** Evaluation reports kept in the project: a kind, a title and the report's JSON body. */
import { notFound } from '../../contract/errors.js';
import type { ReportInfo } from '../../contract/domain.js';
import type { Db } from '../db.js';

interface ReportRow {
  id: number;
  kind: string;
  title: string;
  created_at: string;
}

const toInfo = (r: ReportRow): ReportInfo => ({ id: r.id, kind: r.kind, title: r.title, createdAt: r.created_at });

export class ReportsRepo {
  readonly #insert;
  readonly #list;
  readonly #info;
  readonly #body;
  readonly #delete;

  constructor(db: Db) {
    this.#insert = db.prepare('INSERT INTO reports (kind, title, body) VALUES (?, ?, ?)');
    this.#list = db.prepare<[], ReportRow>('SELECT id, kind, title, created_at FROM reports ORDER BY id');
    this.#info = db.prepare<[number], ReportRow>('SELECT id, kind, title, created_at FROM reports WHERE id = ?');
    this.#body = db.prepare<[number], { body: string }>('SELECT body FROM reports WHERE id = ?');
    this.#delete = db.prepare<[number]>('DELETE FROM reports WHERE id = ?');
  }

  insert(kind: string, title: string, body: unknown): ReportInfo {
    const id = Number(this.#insert.run(kind, title, JSON.stringify(body)).lastInsertRowid);
    return this.info(id);
  }

  list(): ReportInfo[] {
    return this.#list.all().map(toInfo);
  }

  info(id: number): ReportInfo {
    const row = this.#info.get(id);
    if (!row) throw notFound(`no report ${id} in this project`);
    return toInfo(row);
  }

  body<T>(id: number): T {
    const row = this.#body.get(id);
    if (!row) throw notFound(`no report ${id} in this project`);
    return JSON.parse(row.body) as T;
  }

  delete(id: number): boolean {
    return this.#delete.run(id).changes > 0;
  }
}
