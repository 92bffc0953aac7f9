/**
 * Trains one valence model on a project's labelled movies and stores it: the inputs are prepared
 * and read once, the model is trained on them in memory, and stored with how its data was made.
 */
import type { EventGroup } from '../../contract/domain.js';
import { badRequest } from '../../contract/errors.js';
import type { Project } from '../../store/project.js';
import type { StoredModelInfo } from '../../store/repos/models.js';
import type { TaskContext } from '../../util/task-context.js';
import { semanticModalities, type AvModality, type EventSetting, type SemanticsSource, type SsModality } from '../../valence/data/modalities.js';
import { inputsBlocker, type Architecture, type ModelOverrides } from '../../valence/model/model-config.js';
import { describeLabels, type TrainOptions } from '../../valence/training/settings.js';
import { trainOnMovies } from '../../valence/training/train-on-movies.js';
import type { TrainSummary } from '../../valence/training/train.js';
import { saveValenceModel } from './model-store.js';
import { ALL_RATERS, type LabelChoice } from '../../contract/traces.js';
import { labelledMovieIds, loadLabelledMovies, type EnsureDescriptors } from './valence-inputs.js';

export interface TrainProjectOptions {
  architecture: Architecture;
  events: EventSetting;
  semantics: SemanticsSource;
  av?: AvModality[];
  stride: number;
  training: TrainOptions;
  model?: ModelOverrides;
  /** The per-film label: the mean of these raters (default: of all); recorded with the model. */
  labels?: LabelChoice;
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
  const { architecture, events, semantics, av: requestedAv, stride, training, model, labels = ALL_RATERS, movieIds, validationMovieId, ensureDescriptors, detectorVersions } = options;
  const ids = movieIds ?? labelledMovieIds(project, labels);
  if (ids.length === 0) throw badRequest(`no movie in this project has a valence rating${labels.raters ? ` by ${labels.raters.join(' or ')}` : ''}; rate one or import one`);
  // Checked before any descriptor is computed; the audio-visual inputs cannot make a runnable cell unrunnable.
  const blocker = inputsBlocker(architecture, events, requestedAv ?? ['audio']);
  if (blocker) throw badRequest(blocker);
  const semantic = semanticModalities(events);
  const { modalities, movies } = await loadLabelledMovies(project, { ids, av: requestedAv, semantic, semantics, labels, stride, ensure: ensureDescriptors }, ctx);
  const trained = await trainOnMovies(movies, { architecture, modalities, stride, training, model, validationMovieId }, ctx);
  try {
    const info = saveValenceModel(
      project.models,
      trained.model,
      trained.normalizer,
      {
        events,
        semantics,
        stride,
        trainMovies: trained.trainMovies,
        validationMovie: trained.validation?.movie ?? null,
        detectors: semantics === 'sed' ? detectorsRead(semantic, detectorVersions) : {},
      },
      {
        trainingSummary: { ...trained.summary, training, labels: describeLabels(labels) },
        metrics: trained.validation ? { validation: trained.validation } : null,
      },
    );
    return { info, summary: trained.summary };
  } finally {
    trained.model.params.dispose();
  }
}

/** The versions of the detectors whose output the semantic modalities read. */
function detectorsRead(semantic: SsModality[], versions: Partial<Record<EventGroup, string>> = {}): Partial<Record<EventGroup, string>> {
  return Object.fromEntries(semantic.flatMap((group) => (versions[group] ? [[group, versions[group]]] : [])));
}
