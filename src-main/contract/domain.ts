/** Domain vocabulary shared by every layer and both processes. Pure data, no I/O. */

export const VERBAL_CLASSES = ['speech_male', 'speech_female', 'crowd', 'singing'] as const;
export const NONVERBAL_CLASSES = ['shouting', 'crying', 'breathing', 'laughter'] as const;
export const EVENT_CLASSES = [...VERBAL_CLASSES, ...NONVERBAL_CLASSES] as const;
export type EventClass = (typeof EVENT_CLASSES)[number];
export type EventGroup = 'verbal' | 'nonverbal';

export function groupOf(label: EventClass): EventGroup {
  return (VERBAL_CLASSES as readonly string[]).includes(label) ? 'verbal' : 'nonverbal';
}

export const EVENT_SOURCES = ['human', 'model', 'import'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/** Valence frames follow the paper's 25 fps film frames (40 ms). */
export const VALENCE_RATE_HZ = 25;

/** Uniform 7-bin quantization of [-1, 1] (paper's reference [16]); class 4 is neutral. */
export const VALENCE_CLASS_EDGES = [-1, -5 / 7, -3 / 7, -1 / 7, 1 / 7, 3 / 7, 5 / 7, 1] as const;
export const VALENCE_CLASS_COUNT = 7;

/** Class 1..7 of a valence value; values outside [-1, 1] are clamped into the end classes. */
export function valenceClass(v: number): number {
  const bin = Math.floor(((v + 1) / 2) * VALENCE_CLASS_COUNT);
  return Math.min(VALENCE_CLASS_COUNT, Math.max(1, bin + 1));
}

export interface AudioStreamInfo {
  codec: string;
  sampleRate: number;
  channels: number;
}

export interface VideoStreamInfo {
  codec: string;
  width: number;
  height: number;
  fps: number;
}

export interface Movie {
  id: number;
  path: string;
  title: string;
  contentHash: string;
  sizeBytes: number;
  duration: number;
  fps: number | null;
  audio: AudioStreamInfo | null;
  video: VideoStreamInfo | null;
  importedAt: string;
}

export interface SoundEvent {
  id: number;
  movieId: number;
  label: EventClass;
  onset: number;
  offset: number;
  source: EventSource;
  confidence: number | null;
  modelVersion: string | null;
}

export type ValenceKind = 'annotation' | 'prediction';

/** The rating tools' file formats a valence trace is read from and written to (valence/formats). */
export const TRACE_FORMATS = ['cognimuse', 'csv', 'carma', 'nova'] as const;
export type TraceFormat = (typeof TRACE_FORMATS)[number];

export interface ValenceSeriesInfo {
  id: number;
  movieId: number;
  kind: ValenceKind;
  name: string;
  /** Who rated it (annotations); null for predictions. */
  rater: string | null;
  rate: number;
  length: number;
  modelVersion: string | null;
  createdAt: string;
}

export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

export interface ProjectInfo {
  path: string;
  schemaVersion: number;
  movies: number;
}

/** Which CNN gives the visual descriptors: the bundled one, or the researcher's own ResNet-50. */
export type VisualBackboneChoice = { type: 'bundled' } | { type: 'onnx' | 'tfjs'; path: string };

/** Per-project settings; an analysis recomputes only the stages whose settings changed. */
export interface ProjectSettings {
  visualBackbone: VisualBackboneChoice;
  /** Frames embedded per second of film; the 25 Hz rows between them are interpolated. */
  visualRate: number;
  /** Threads for Analyze and training when a job is not told; null: one per core. */
  threads: number | null;
}

/**
 * One visual frame a second keeps R² ≈ 0.82 of the 25 fps embeddings' variance for 1/25 of the
 * compute (docs/visual.md has the measurement).
 */
export const DEFAULT_PROJECT_SETTINGS: ProjectSettings = { visualBackbone: { type: 'bundled' }, visualRate: 1, threads: null };

export interface ReportInfo {
  id: number;
  kind: string;
  title: string;
  createdAt: string;
}

/** A trained model as the UI lists it (weights stay in the project). */
export interface ModelInfo {
  id: number;
  kind: string;
  architecture: string;
  version: string;
  createdAt: string;
  /** One line on what it was trained on and how it scored. */
  summary: string;
}

/** The valence models of the paper's Table II, in its column order. */
export const ARCHITECTURES = ['dnn', 'lstm', 'fea-tf', 'temp-tf', 'fea-tf-cma', 'fea-tf-scma'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/** Column titles of the paper's Table II. */
export const ARCHITECTURE_TITLES: Record<Architecture, string> = {
  dnn: 'DNN',
  lstm: 'LSTM',
  'fea-tf': 'Fea-TF',
  'temp-tf': 'Temp-TF',
  'fea-tf-cma': 'Fea-TF CMA',
  'fea-tf-scma': 'Fea-TF SCMA',
};

/** Rows of Table II: which sound-semantic modalities a model gets. */
export const EVENT_SETTINGS = ['none', 'verbal', 'nonverbal', 'all'] as const;
export type EventSetting = (typeof EVENT_SETTINGS)[number];

/** The content-based inputs a valence model can read besides the sound semantics. */
export const AV_MODALITIES = ['audio', 'visual', 'motion'] as const;
export type AvModality = (typeof AV_MODALITIES)[number];
