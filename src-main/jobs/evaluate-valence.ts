/**
 * The `evaluate` job: the Table II grid by leave-one-movie-out over the project's labelled movies,
 * computing missing descriptors by analysis first; the report is stored in the project.
 */
import { availableParallelism } from 'node:os';
import { ARCHITECTURES, EVENT_SETTINGS, type Architecture, type EventSetting, type ReportInfo } from '../contract/domain.js';
import type { AnalyzeDeps } from '../analysis/analyze-movie.js';
import { descriptorsByAnalysis } from '../analysis/ensure-descriptors.js';
import { initBackend } from '../ml/backend.js';
import type { Project } from '../store/project.js';
import { evaluateProject } from '../valence/evaluate-project.js';
import type { SemanticsSource } from '../valence/load-frames.js';
import { DEFAULT_STRIDE, paperTraining } from '../valence/train.js';
import type { TaskContext } from '../util/task-context.js';

export const VALENCE_REPORT_KIND = 'valence-evaluation';

export interface EvaluateJobParams {
  models?: Architecture[];
  events?: EventSetting[];
  semantics?: SemanticsSource;
  maxEpochs?: number;
  stride?: number;
}

export async function evaluateValenceJob(project: Project, params: EvaluateJobParams, ctx: TaskContext, deps: AnalyzeDeps): Promise<{ reportId: number; report: ReportInfo }> {
  await initBackend();
  const report = await evaluateProject(
    project,
    {
      models: params.models ?? [...ARCHITECTURES],
      events: params.events ?? [...EVENT_SETTINGS],
      semantics: params.semantics ?? 'sed',
      stride: params.stride ?? DEFAULT_STRIDE,
      testStride: 1,
      training: paperTraining(params.maxEpochs),
      // Folds train side by side, one per core, leaving one core for the app.
      workers: Math.max(1, availableParallelism() - 1),
      ensureDescriptors: descriptorsByAnalysis(deps),
    },
    ctx,
  );
  const title = `Table II: ${report.cells.filter((c) => c.acc !== null).length} cells, ${report.movies.length} movies, ${report.settings.semantics === 'sed' ? 'detected' : 'annotated'} events`;
  const info = project.reports.insert(VALENCE_REPORT_KIND, title, report);
  return { reportId: info.id, report: info };
}
