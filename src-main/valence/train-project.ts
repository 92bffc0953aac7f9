/**
 * Trains one valence model on a project's labelled movies and stores it. One movie (the last, by
 * default) is held back for early stopping, as in each leave-one-movie-out fold.
 */
import type { EventGroup } from '../contract/domain.js';
import { badRequest } from '../contract/errors.js';
import type { TaskContext } from '../util/task-context.js';
import type { Project } from '../store/project.js';
import type { StoredModelInfo } from '../store/repos/models.js';
import { evaluateOnMovie } from './evaluate-fold.js';
import { labelledMovieIds, loadEvalMovie, prepareAvInputs, type EnsureDescriptors } from './evaluate-project.js';
import { fitNormalizer } from './frame-table.js';
import { cellBlocker } from './grid.js';
import type { SemanticsSource } from './load-frames.js';
import { accuracy, accuracyWithin1 } from './metrics.js';
import { semanticModalities, type AvModality, type EventSetting, type Modality, type SsModality } from './modalities.js';
import { modelConfig, type Architecture, type ValenceModelConfig } from './model-config.js';
import { saveValenceModel } from './model-store.js';
import { buildModel } from './models/index.js';
import { trainModel, type TrainOptions, type TrainSummary } from './train.js';

export interface TrainProjectOptions {
  architecture: Architecture;
  events: EventSetting;
  semantics: SemanticsSource;
  av?: AvModality[];
  stride: number;
  training: TrainOptions;
  model?: Partial<Omit<ValenceModelConfig, 'architecture' | 'inputs' | 'formatVersion'>>;
  movieIds?: number[];
  /** Movie for early stopping; by default the last labelled one (none when only one movie). */
  validationMovieId?: number | null;
  ensureDescriptors?: EnsureDescriptors;
  /**
   * The detector version behind each group's sound-semantics descriptors: recorded with the model
   * (for the groups it reads from a detector) so that predicting after the detectors were retrained
   * can be flagged.
   */
  detectorVersions?: Partial<Record<EventGroup, string>>;
}

export interface TrainedOnProject {
  info: StoredModelInfo;
  summary: TrainSummary;
}

export async function trainOnProject(project: Project, options: TrainProjectOptions, ctx: TaskContext): Promise<TrainedOnProject> {
  const ids = options.movieIds ?? labelledMovieIds(project);
  if (ids.length === 0) throw badRequest('no movie in this project has a valence annotation; attach one with import-valence');
  // Checked before any descriptor is computed; the audio-visual inputs cannot make a runnable cell unrunnable.
  const blocker = cellBlocker(options.architecture, options.events, options.av ?? ['audio']);
  if (blocker) throw badRequest(blocker);
  const ss = semanticModalities(options.events);
  const av = await prepareAvInputs(project, ids, options.av, ss, options.semantics, ctx, options.ensureDescriptors);
  const modalities: Modality[] = [...av, ...ss];
  const movies = ids.map((id) => loadEvalMovie(project, id, modalities, options.semantics, options.stride));
  const validationId = options.validationMovieId === undefined ? (ids.length > 1 ? ids[ids.length - 1] : null) : options.validationMovieId;
  const validation = movies.find((m) => m.id === validationId) ?? null;
  const train = movies.filter((m) => m !== validation);
  const inputs = modalities.map((modality) => ({ modality, dims: movies[0].sampled.features.get(modality)!.dims }));
  const model = buildModel(modelConfig(options.architecture, inputs, { windowStep: options.stride, ...options.model }), options.training.seed);
  try {
    const normalizer = fitNormalizer(
      train.map((m) => m.sampled),
      modalities,
    );
    const summary = await trainModel(model, train.map((m) => m.sampled), validation?.sampled ?? null, normalizer, options.training, ctx);
    const scores = validation ? evaluateOnMovie(model, normalizer, validation, 1) : null;
    const info = saveValenceModel(
      project.models,
      model,
      normalizer,
      {
        events: options.events,
        semantics: options.semantics,
        stride: options.stride,
        trainMovies: train.map((m) => m.id),
        validationMovie: validation?.id ?? null,
        detectors: options.semantics === 'sed' ? detectorsRead(ss, options.detectorVersions) : {},
      },
      {
        trainingSummary: { ...summary, training: options.training },
        metrics: scores ? { validation: { movie: validation!.id, acc: accuracy(scores.confusion), acc1: accuracyWithin1(scores.confusion), confusion: scores.confusion } } : null,
      },
    );
    return { info, summary };
  } finally {
    model.params.dispose();
  }
}

/** The versions of the detectors whose output the semantic modalities read. */
function detectorsRead(semantic: SsModality[], versions: Partial<Record<EventGroup, string>> = {}): Partial<Record<EventGroup, string>> {
  return Object.fromEntries(semantic.flatMap((group) => (versions[group] ? [[group, versions[group]]] : [])));
}
