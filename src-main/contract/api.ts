/**
 * The one API contract. Both transports (Electron IPC and loopback HTTP/WebSocket) serve exactly
 * these methods; params are validated here at the boundary, results are typed for the renderer.
 */
import { z } from 'zod';
import { EVENT_CLASSES, TRACE_FORMATS } from './domain.js';
import type { HistoryState, ModelInfo, Movie, ProjectInfo, ProjectSettings, ReportInfo, SoundEvent, ValenceSeriesInfo } from './domain.js';
import { entityId as id, JOB_PARAMS, type Job, type JobOf } from './jobs.js';
import { reviewSchemas, type ReviewResults } from './review.js';
import { compareSchemas, type CompareResults } from './compare.js';
import { explainSchemas, type ExplainResults } from './explain.js';

const seconds = z.number().finite().nonnegative();
const label = z.enum(EVENT_CLASSES);

const eventPatch = z
  .object({ id, label: label.optional(), onset: seconds.optional(), offset: seconds.optional() })
  .strict();

/** Event-list files: DCASE TSV, Audacity labels, ELAN .eaf, Praat TextGrid, NOVA discrete annotation. */
export const EVENT_LIST_FORMATS = ['tsv', 'audacity', 'eaf', 'textgrid', 'nova'] as const;
export type EventListFormat = (typeof EVENT_LIST_FORMATS)[number];
const eventFile = z.object({ name: z.string().min(1).max(400), text: z.string().max(256 * 1024 * 1024) }).strict();

const backbone = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bundled') }).strict(),
  z.object({ type: z.enum(['onnx', 'tfjs']), path: z.string().min(1) }).strict(),
]);

/** What a model is used for: one active model per role. */
export const MODEL_ROLES = ['verbal', 'nonverbal', 'valence'] as const;
export type ModelRole = (typeof MODEL_ROLES)[number];
const modelVersion = z.string().trim().min(1).max(200);

/** A rater's name as traces carry it: what a researcher types, trimmed, never empty. */
const rater = z.string().trim().min(1).max(80);
/** Four hours at 25 Hz: the longest trace one call may write. */
const MAX_TRACE_FRAMES = 4 * 3600 * 25;

export const paramSchemas = {
  'project.info': z.object({}).strict(),
  'movies.list': z.object({}).strict(),
  'movies.get': z.object({ movieId: id }).strict(),
  'movies.import': JOB_PARAMS['import-movie'],
  'movies.remove': z.object({ movieId: id }).strict(),
  'movies.analyze': JOB_PARAMS.analyze,
  'peaks.get': z
    .object({ movieId: id, binsPerSecond: z.number().positive().max(1000), from: seconds.optional(), to: seconds.optional() })
    .strict(),
  /** The stored level nearest `columnsPerSecond` (by default the coarsest), cut to [from, to]. */
  'spectrogram.get': z
    .object({ movieId: id, columnsPerSecond: z.number().positive().max(1000).optional(), from: seconds.optional(), to: seconds.optional() })
    .strict(),
  'spectrogram.compute': JOB_PARAMS.spectrogram,
  'events.list': z.object({ movieId: id }).strict(),
  'events.create': z.object({ movieId: id, label, onset: seconds, offset: seconds }).strict(),
  'events.update': z.object({ patches: z.array(eventPatch).min(1) }).strict(),
  'events.delete': z.object({ ids: z.array(id).min(1) }).strict(),
  /** One event list (NOVA: header + `~` data) as one undoable step; every file is checked before anything is written. */
  'events.import': z
    .object({ movieId: id, format: z.enum(['auto', ...EVENT_LIST_FORMATS]), files: z.array(eventFile).min(1).max(2), replace: z.boolean().optional() })
    .strict(),
  /** `name`: the (first) file's name, by default the film's title with the format's ending. */
  'events.export': z.object({ movieId: id, format: z.enum(EVENT_LIST_FORMATS), name: z.string().min(1).max(400).optional() }).strict(),
  'history.state': z.object({}).strict(),
  'history.undo': z.object({}).strict(),
  'history.redo': z.object({}).strict(),
  'valence.list': z.object({ movieId: id }).strict(),
  'valence.get': z.object({ seriesId: id }).strict(),
  /** One undoable change to a rater's trace (created when the rater has none): a rating pass or a drawn stretch (values from `start`), a constant or a smoothing over [start, end). */
  'valence.editTrace': z
    .object({
      movieId: id,
      rater,
      start: z.number().int().nonnegative(),
      edit: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('values'), values: z.array(z.number().min(-1).max(1)).min(1).max(MAX_TRACE_FRAMES) }).strict(),
        z.object({ kind: z.literal('constant'), value: z.number().min(-1).max(1), end: z.number().int().positive() }).strict(),
        z.object({ kind: z.literal('smooth'), radius: z.number().int().min(1).max(250), end: z.number().int().positive() }).strict(),
      ]),
    })
    .strict(),
  'valence.deleteTrace': z.object({ movieId: id, rater }).strict(),
  /**
   * Rating files into raters' traces, one undoable step: each file (NOVA: header + `~` data) is one
   * rater, `rater` (one trace only) or the file's name less its extension; a rater's trace is replaced.
   */
  'valence.importTraces': z
    .object({
      movieId: id,
      format: z.enum(['auto', ...TRACE_FORMATS]),
      rater: rater.optional(),
      files: z.array(z.object({ name: z.string().min(1).max(400), text: z.string().max(256 * 1024 * 1024) }).strict()).min(1).max(64),
    })
    .strict(),
  /** One rater's trace, or (no rater) the raters' frame-wise mean, as files of a rating tool's format, one sample per 25 Hz frame. */
  'valence.exportTrace': z.object({ movieId: id, rater: rater.optional(), format: z.enum(TRACE_FORMATS), name: z.string().min(1).max(400) }).strict(),
  /** Inter-rater agreement of the film's raters over the frames they all rated. */
  'valence.agreement': z.object({ movieId: id }).strict(),
  'descriptors.list': z.object({ movieId: id }).strict(),
  'descriptors.compute': JOB_PARAMS['audio-descriptors'],
  'settings.get': z.object({}).strict(),
  'settings.update': z
    .object({
      visualBackbone: backbone.optional(),
      visualRate: z.number().positive().max(25).optional(),
      /** Threads for Analyze and training; null goes back to automatic (one per core). */
      threads: z.number().int().min(1).max(256).nullable().optional(),
    })
    .strict(),
  'models.list': z.object({}).strict(),
  /** Every detector and valence model of the project and the shipped defaults, with the active one per role. */
  'models.registry': z.object({}).strict(),
  /** Makes this version (a project model or a shipped default) the one its role analyses with. */
  'models.activate': z.object({ version: modelVersion }).strict(),
  /** Back to the shipped default of the role. */
  'models.revert': z.object({ role: z.enum(MODEL_ROLES) }).strict(),
  'models.rename': z.object({ version: modelVersion, name: z.string().trim().min(1).max(120) }).strict(),
  /** Refused for the active model of its role and for the shipped defaults. */
  'models.delete': z.object({ version: modelVersion }).strict(),
  'sed.train': JOB_PARAMS['train-sed'],
  'valence.train': JOB_PARAMS['train-valence'],
  'valence.evaluate': JOB_PARAMS.evaluate,
  'reports.list': z.object({}).strict(),
  'reports.get': z.object({ reportId: id }).strict(),
  'reports.delete': z.object({ reportId: id }).strict(),
  'jobs.list': z.object({}).strict(),
  'jobs.cancel': z.object({ jobId: id }).strict(),
  'jobs.restart': z.object({ jobId: id }).strict(),
  ...reviewSchemas,
  ...compareSchemas,
  ...explainSchemas,
} as const;

/** A project file's path as a person types or picks it (the workspace wants it absolute). */
const projectPath = z.string().trim().min(1).max(4096);

/**
 * Project handling: served by the process's workspace in front of the open project's service, since
 * they close one project and open another.
 */
export const workspaceSchemas = {
  /**
   * Switches to an existing project; refused (the current one stays open) for anything Project.open
   * refuses. Here and in project.create the `.vsproj` ending may be left off.
   */
  'project.open': z.object({ path: projectPath }).strict(),
  /** Creates a project where nothing is yet and switches to it; a project already there is refused (open it instead). */
  'project.create': z.object({ path: projectPath }).strict(),
  /** Projects opened lately, most recent first. */
  'project.recent': z.object({}).strict(),
  'project.forgetRecent': z.object({ path: projectPath }).strict(),
} as const;

/** One entry of the recent list; `exists` is false once the file has moved or been deleted. */
export interface RecentProject {
  path: string;
  openedAt: string;
  exists: boolean;
}

export interface WorkspaceResults {
  'project.open': ProjectInfo;
  'project.create': ProjectInfo;
  'project.recent': RecentProject[];
  'project.forgetRecent': RecentProject[];
}

/** Peaks for one resolution: min/max pairs as base64 little-endian Int16 (scaled by 32767). */
export interface PeaksResult {
  binsPerSecond: number;
  from: number;
  count: number;
  min: string;
  max: string;
}

/**
 * Spectrogram columns from `from` seconds: base64 bytes, column-major (each column's `bands` bytes,
 * lowest band first), 0 = −100 dB … 255 = 0 dB. Null when the film has none yet.
 */
export interface SpectrogramResult {
  columnsPerSecond: number;
  bands: number;
  from: number;
  count: number;
  data: string;
}

/** A valence curve: values as base64 little-endian Float32, NaN where unlabelled. */
export interface ValenceSeriesData extends ValenceSeriesInfo {
  values: string;
}

/** One rater's trace as an import left it. */
export interface ImportedTrace {
  rater: string;
  file: string;
  frames: number;
  rated: number;
  replaced: boolean;
  /** Ratings past the film's end were dropped. */
  cut: boolean;
}

/** Agreement of a film's raters (null where a coefficient is undefined: fewer than 2 raters or frames, no variance). */
export interface RaterAgreement {
  raters: number;
  /** Frames where every rater has a finite value; the coefficients are computed over these only. */
  frames: number;
  cronbach_alpha: number | null;
  icc_2_1: number | null;
  icc_2_k: number | null;
  icc_3_1: number | null;
  icc_3_k: number | null;
  krippendorff_alpha_interval: number | null;
  mean_pairwise_ccc: number | null;
  mean_pairwise_pearson: number | null;
  rater_names: string[];
}

/** A stored descriptor set, without its data. */
export interface DescriptorSetSummary {
  id: number;
  kind: string;
  rate: number;
  dims: number;
  frames: number;
  complete: boolean;
}

/** One model version as the registry lists it: a project model or a shipped default. */
export interface RegistryModel {
  version: string;
  /** A person's label; the version until renamed. */
  name: string;
  role: ModelRole;
  kind: string;
  architecture: string;
  /** Shipped with the app: it can be activated (revert) but not renamed or deleted. */
  shipped: boolean;
  active: boolean;
  /** Its row in the project; null for a shipped model the project holds no copy of. */
  id: number | null;
  /** Detectors: the front end they read; valence: the modalities, event setting and where sound semantics come from. */
  inputs: { frontEnd?: string; modalities?: string[]; events?: string; semantics?: string };
  /** What it was trained on, where recorded: films, curated events, whose ratings; `note` for shipped data. */
  training: { films: number | null; events: number | null; raters: string | null; note: string | null };
  /** The main metric on held-out material: detectors macro segment F1, valence Acc on the validation film. */
  heldOut: { metric: 'macro segment F1' | 'Acc'; value: number | null; note: string | null };
  createdAt: string | null;
  /** The line models.list gives. */
  summary: string;
}

/** The project's settings as the UI shows them, with this machine's core count (read-only: what "automatic" threads means here). */
export interface SettingsView extends ProjectSettings {
  cores: number;
}

export interface EditResult {
  events: SoundEvent[];
  history: HistoryState;
}

/** A stored report: its JSON body and the self-contained HTML page (tables and SVG charts). */
export interface ReportData extends ReportInfo {
  body: unknown;
  html: string;
}

export interface ApiResults extends ReviewResults, CompareResults, ExplainResults {
  'project.info': ProjectInfo;
  'movies.list': Movie[];
  'movies.get': Movie;
  'movies.import': JobOf<'import-movie'>;
  'movies.remove': { removed: true };
  'movies.analyze': JobOf<'analyze'>;
  'peaks.get': PeaksResult;
  'spectrogram.get': SpectrogramResult | null;
  'spectrogram.compute': JobOf<'spectrogram'>;
  'events.list': SoundEvent[];
  'events.create': EditResult;
  'events.update': EditResult;
  'events.delete': EditResult;
  'events.import': EditResult & { imported: number; skipped: { count: number; examples: string[] } };
  'events.export': { files: Array<{ name: string; text: string }> };
  'history.state': HistoryState;
  'history.undo': HistoryState;
  'history.redo': HistoryState;
  'valence.list': ValenceSeriesInfo[];
  'valence.get': ValenceSeriesData;
  'valence.editTrace': { series: ValenceSeriesInfo[]; history: HistoryState };
  'valence.deleteTrace': { series: ValenceSeriesInfo[]; history: HistoryState };
  'valence.agreement': RaterAgreement;
  'valence.importTraces': { series: ValenceSeriesInfo[]; history: HistoryState; imported: ImportedTrace[] };
  'valence.exportTrace': { files: Array<{ name: string; text: string }>; rater: string; frames: number; rated: number };
  'descriptors.list': DescriptorSetSummary[];
  'descriptors.compute': JobOf<'audio-descriptors'>;
  'settings.get': SettingsView;
  'settings.update': SettingsView;
  'models.list': ModelInfo[];
  'models.registry': RegistryModel[];
  'models.activate': RegistryModel[];
  'models.revert': RegistryModel[];
  'models.rename': RegistryModel[];
  'models.delete': RegistryModel[];
  'sed.train': JobOf<'train-sed'>;
  'valence.train': JobOf<'train-valence'>;
  'valence.evaluate': JobOf<'evaluate'>;
  'reports.list': ReportInfo[];
  'reports.get': ReportData;
  'reports.delete': { removed: true };
  'jobs.list': Job[];
  'jobs.cancel': Job;
  'jobs.restart': Job;
}

/** The methods one project's service answers. */
export type ApiMethod = keyof typeof paramSchemas;
export type WorkspaceMethod = keyof typeof workspaceSchemas;
/** Every method the transports serve: the open project's and the workspace's. */
export type AppMethod = ApiMethod | WorkspaceMethod;
type AppSchemas = typeof paramSchemas & typeof workspaceSchemas;
export type ApiParams<M extends AppMethod> = z.input<AppSchemas[M]>;
export type ApiResult<M extends AppMethod> = (ApiResults & WorkspaceResults)[M];
export const API_METHODS = Object.keys(paramSchemas) as ApiMethod[];
export const isWorkspaceMethod = (method: string): method is WorkspaceMethod => Object.hasOwn(workspaceSchemas, method);

/** Events pushed from the core to every connected UI. */
export interface ApiEvents {
  'job.updated': Job;
  /** Something about a movie changed outside the caller's own request (import finished, undo, …). */
  'movie.changed': { movieId: number; what: 'events' | 'valence' | 'peaks' | 'spectrogram' | 'movie' | 'removed' };
  /** Project-wide lists changed: a model was trained, a report written, settings updated. */
  'project.changed': { what: 'models' | 'reports' | 'settings' };
  /** The process now serves another project: every UI reloads what it shows. */
  'project.switched': ProjectInfo;
}
export type ApiEventName = keyof ApiEvents;
/** Every event both transports push to the renderer. */
export const API_EVENT_NAMES: readonly ApiEventName[] = ['job.updated', 'movie.changed', 'project.changed', 'project.switched'];

/** Error shape on the wire: a code a UI can switch on, and a sentence a person can read. */
export interface ApiErrorPayload {
  code: 'bad_request' | 'not_found' | 'bad_media' | 'conflict' | 'internal';
  message: string;
}

/**
 * What the transports serve: a project's service, or the workspace that holds the open one and
 * switches it. Methods arrive as the wire names them; the server refuses unknown ones.
 */
export interface ServedApi {
  call(method: string, params: unknown): Promise<unknown>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
  /** The file a movie of the open project plays from, for the media routes. */
  mediaFile(movieId: number): string;
}

/** What both transports put in front of the renderer. */
export interface ApiTransport {
  call<M extends AppMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
  /** URL the player can stream a movie from (range requests or the custom protocol). */
  mediaUrl(movieId: number): string;
  /** Present in browser mode: the browser cannot hand over file paths, so files are uploaded. */
  upload?(file: File, onProgress?: (fraction: number) => void): Promise<{ path: string }>;
  /** Present in Electron: the real path of a dropped or picked file, and native dialogs. */
  pathForFile?(file: File): string;
  /** The films picked (none when cancelled). */
  openMovieDialog?(): Promise<string[]>;
  /** A project file to open, or a path for a new one; null when cancelled. */
  projectDialog?(mode: 'open' | 'new'): Promise<string | null>;
}
