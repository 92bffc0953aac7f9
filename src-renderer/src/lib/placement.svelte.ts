/**
 * A box floating at a point (a menu, a hover card): its own size and the window's, measured by
 * bindings, and where placeMenu puts it so it stays inside the window.
 */
import { placeMenu } from './menu-place.js';

export class Placement {
  width = $state(0);
  height = $state(0);
  innerWidth = $state(0);
  innerHeight = $state(0);

  /** Before the first measurement the box is placed as if it had no size. */
  at(x: number, y: number): { left: number; top: number } {
    return placeMenu(x, y, { width: this.width, height: this.height }, { width: this.innerWidth, height: this.innerHeight });
  }
}
