/** A project file and its repositories: the one object the API and jobs share. */
import { openProjectDb, type Db } from './db.js';
import { DescriptorsRepo } from './repos/descriptors.js';
import { EventsRepo } from './repos/events.js';
import { HistoryRepo } from './repos/history.js';
import { JobsRepo } from './repos/jobs.js';
import { ModelsRepo } from './repos/models.js';
import { MoviesRepo } from './repos/movies.js';
import { PeaksRepo } from './repos/peaks.js';
import { ReportsRepo } from './repos/reports.js';
import { ReviewRepo } from './repos/review.js';
import { SettingsRepo } from './repos/settings.js';
import { SpectrogramsRepo } from './repos/spectrograms.js';
import { ValenceRepo } from './repos/valence.js';

export class Project {
  readonly db: Db;
  readonly movies: MoviesRepo;
  readonly peaks: PeaksRepo;
  readonly spectrograms: SpectrogramsRepo;
  readonly events: EventsRepo;
  readonly history: HistoryRepo;
  readonly valence: ValenceRepo;
  readonly jobs: JobsRepo;
  readonly descriptors: DescriptorsRepo;
  readonly models: ModelsRepo;
  readonly settings: SettingsRepo;
  readonly reports: ReportsRepo;
  readonly review: ReviewRepo;

  private constructor(
    readonly path: string,
    db: Db,
  ) {
    this.db = db;
    this.movies = new MoviesRepo(db);
    this.peaks = new PeaksRepo(db);
    this.spectrograms = new SpectrogramsRepo(db);
    this.events = new EventsRepo(db);
    this.valence = new ValenceRepo(db);
    this.history = new HistoryRepo(db, this.events, this.valence);
    this.jobs = new JobsRepo(db);
    this.descriptors = new DescriptorsRepo(db);
    this.models = new ModelsRepo(db);
    this.settings = new SettingsRepo(db);
    this.reports = new ReportsRepo(db);
    this.review = new ReviewRepo(db);
  }

  static open(path: string, options?: { create?: boolean }): Project {
    return new Project(path, openProjectDb(path, options));
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** True when SQLite's own integrity check and the foreign keys are clean. */
  integrityOk(): boolean {
    const ok = this.db.pragma('integrity_check', { simple: true }) === 'ok';
    return ok && (this.db.pragma('foreign_key_check') as unknown[]).length === 0;
  }

  close(): void {
    this.db.close();
  }
}
