/** The `train-valence` job: one valence model on the project's labelled movies, stored for Analyze. */
import type { JobParams, JobResult } from '../contract/jobs.js';
import type { AnalyzeDeps } from '../analysis/analyze-movie.js';
import { currentDetectorVersions } from '../analysis/detector-versions.js';
import { descriptorsByAnalysis } from '../analysis/ensure-descriptors.js';
import { initBackend } from '../ml/backend.js';
import type { Project } from '../store/project.js';
import { trainOnProject } from '../analysis/valence/train-project.js';
import type { TaskContext } from '../util/task-context.js';
import { valenceTraining } from './valence-training.js';

type Metrics = JobResult<'train-valence'>['metrics'];

export async function trainValenceJob(project: Project, params: JobParams<'train-valence'>, ctx: TaskContext, deps: AnalyzeDeps): Promise<JobResult<'train-valence'>> {
  await initBackend();
  const { info, summary } = await trainOnProject(
    project,
    {
      ...valenceTraining(params),
      architecture: params.architecture ?? 'fea-tf-scma',
      events: params.events ?? 'all',
      ensureDescriptors: descriptorsByAnalysis(deps),
      detectorVersions: await currentDetectorVersions(project),
    },
    ctx,
  );
  return {
    modelId: info.id,
    version: info.version,
    epochs: summary.epochs.length,
    bestEpoch: summary.bestEpoch,
    samplesPerSecond: summary.samplesPerSecond,
    // The store keeps metrics as untyped JSON; these are the ones trainOnProject just wrote.
    metrics: info.metrics as Metrics,
  };
}
