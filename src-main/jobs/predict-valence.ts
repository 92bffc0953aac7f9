/**
 * The `predict` job: a stored valence model run over one movie, computing missing descriptors by
 * analysis first; the prediction is stored as a valence series, flagged when the model was trained
 * on sound semantics from detectors the project no longer uses.
 */
import type { JobParams, JobResult } from '../contract/jobs.js';
import type { AnalyzeDeps } from '../analysis/analyze-movie.js';
import { staleForProject } from '../analysis/detector-versions.js';
import { descriptorsByAnalysis } from '../analysis/ensure-descriptors.js';
import { predictMovie } from '../analysis/valence/predict-movie.js';
import { initBackend } from '../ml/backend.js';
import type { Project } from '../store/project.js';
import type { TaskContext } from '../util/task-context.js';

export async function predictValenceJob(project: Project, { movieId, model }: JobParams<'predict'>, ctx: TaskContext, deps: AnalyzeDeps): Promise<JobResult<'predict'>> {
  await initBackend();
  const series = await predictMovie(project, project.movies.get(movieId).id, model, ctx, descriptorsByAnalysis(deps));
  const used = series.modelVersion ? project.models.byVersion(series.modelVersion) : null;
  return { seriesId: series.id, frames: series.length, modelVersion: series.modelVersion, stale: used ? await staleForProject(project, used) : null };
}
