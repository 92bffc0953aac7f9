/** The `train-valence` job: one valence model on the project's labelled movies, stored for Analyze. */
import type { Architecture, EventSetting } from '../contract/domain.js';
import type { AnalyzeDeps } from '../analysis/analyze-movie.js';
import { currentDetectorVersions } from '../analysis/detector-versions.js';
import { descriptorsByAnalysis } from '../analysis/ensure-descriptors.js';
import { initBackend } from '../ml/backend.js';
import type { Project } from '../store/project.js';
import type { SemanticsSource } from '../valence/load-frames.js';
import { trainOnProject } from '../valence/train-project.js';
import { DEFAULT_STRIDE, paperTraining } from '../valence/train.js';
import type { TaskContext } from '../util/task-context.js';

export interface TrainValenceJobParams {
  architecture?: Architecture;
  events?: EventSetting;
  semantics?: SemanticsSource;
  maxEpochs?: number;
}

export async function trainValenceJob(project: Project, params: TrainValenceJobParams, ctx: TaskContext, deps: AnalyzeDeps) {
  await initBackend();
  const { info, summary } = await trainOnProject(
    project,
    {
      architecture: params.architecture ?? 'fea-tf-scma',
      events: params.events ?? 'all',
      semantics: params.semantics ?? 'sed',
      stride: DEFAULT_STRIDE,
      training: paperTraining(params.maxEpochs),
      ensureDescriptors: descriptorsByAnalysis(deps),
      detectorVersions: await currentDetectorVersions(project),
    },
    ctx,
  );
  return { modelId: info.id, version: info.version, epochs: summary.epochs.length, bestEpoch: summary.bestEpoch, metrics: info.metrics };
}
