/**
 * The `evaluate` job: the Table II grid by leave-one-movie-out over the project's labelled movies,
 * computing missing descriptors by analysis first; the report is stored in the project.
 */
import { availableParallelism } from 'node:os';
import { ARCHITECTURES, EVENT_SETTINGS } from '../contract/domain.js';
import type { JobParams, JobResult } from '../contract/jobs.js';
import type { AnalyzeDeps } from '../analysis/analyze-movie.js';
import { descriptorsByAnalysis } from '../analysis/ensure-descriptors.js';
import { initBackend } from '../ml/backend.js';
import type { Project } from '../store/project.js';
import { evaluateProject } from '../analysis/valence/evaluate-project.js';
import type { TaskContext } from '../util/task-context.js';
import { trainingSettings } from '../valence/training/settings.js';

export const VALENCE_REPORT_KIND = 'valence-evaluation';

export async function evaluateValenceJob(project: Project, params: JobParams<'evaluate'>, ctx: TaskContext, deps: AnalyzeDeps): Promise<JobResult<'evaluate'>> {
  await initBackend();
  const report = await evaluateProject(
    project,
    {
      ...trainingSettings(params),
      models: params.models ?? [...ARCHITECTURES],
      events: params.events ?? [...EVENT_SETTINGS],
      testStride: params.testStride ?? 1,
      // Folds train side by side, one per core, leaving one core for the app.
      workers: params.workers ?? Math.max(1, availableParallelism() - 1),
      ensureDescriptors: descriptorsByAnalysis(deps),
    },
    ctx,
  );
  const title = `Table II: ${report.cells.filter((c) => c.acc !== null).length} cells, ${report.movies.length} movies, ${report.settings.semantics === 'sed' ? 'detected' : 'annotated'} events`;
  const info = project.reports.insert(VALENCE_REPORT_KIND, title, report);
  return { reportId: info.id, report: info };
}
