/** Which modal is up: while one is, the timeline's keys stay off. */
import type { Movie } from '../../../src-main/contract/domain.js';

export class Dialogs {
  /** The keyboard shortcut list. */
  help = $state(false);
  /** The film whose removal awaits confirmation (held, so a list refresh cannot swap the film under the question). */
  removeFilm = $state.raw<Movie | null>(null);

  get any(): boolean {
    return this.help || this.removeFilm !== null;
  }
}
