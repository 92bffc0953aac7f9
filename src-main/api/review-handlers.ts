/** The API's handlers for the review queue (#13 item 5). */
import type { Project } from '../store/project.js';

export function reviewHandlers(_p: Project, _changed: (movieId: number) => void) {
  return {};
}
