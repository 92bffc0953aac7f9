/**
 * The models an analysis of a project loads: the project's own detectors (else the shipped ones)
 * and the visual backbone its settings name. Imported lazily, when an analysis starts: the models'
 * runtimes are heavy and most sessions only edit.
 */
import type { Project } from '../store/project.js';
import type { AnalyzeDeps } from './analyze-movie.js';

export const projectAnalyzeDeps = (project: Project): AnalyzeDeps => ({
  loadDetector: async () => (await import('./project-models.js')).loadProjectDetector(project),
  loadBackbone: async () => (await import('../visual/load-backbone.js')).loadBackbone(project.settings.get().visualBackbone),
});
