/** The rater's inputs as numbers: keys step the slider, a gamepad stick sets it, the mouse points at it. */

/** Playback speeds a pass may run at: slower gives the rater time on dense scenes. */
export const RATING_SPEEDS = [0.25, 0.5, 0.75, 1] as const;

/** One ↑/↓ press: 40 presses cross the whole scale, 3 cross a class band (2/7 ≈ 0.29). */
export const KEY_STEP = 0.05;

export const clampValence = (v: number): number => Math.max(-1, Math.min(1, v));

/** The slider after one key press (`direction` +1 for ↑, −1 for ↓), snapped to the key grid so presses land on round values. */
export const stepValue = (v: number, direction: 1 | -1): number => clampValence(Math.round((v + direction * KEY_STEP) / KEY_STEP) / (1 / KEY_STEP));

/** Sticks rest a little off centre; inside this the stick reads as centred. */
const STICK_DEADZONE = 0.08;

/** The vertical stick axis a gamepad reports, if it has one (standard mapping: axis 1 is the left stick's y). */
export interface PadLike {
  connected: boolean;
  axes: readonly number[];
}

/** The first connected pad's vertical axis, or null without one (or without the Gamepad API). */
export function padAxis(pads: readonly (PadLike | null)[] | null | undefined): number | null {
  const pad = pads?.find((p) => p && p.connected && p.axes.length > 0);
  if (!pad) return null;
  return pad.axes.length > 1 ? pad.axes[1] : pad.axes[0];
}

/**
 * The slider value a stick reading asks for, or null when the stick has not moved since `previous`
 * (null: the first reading, which only sets the baseline): a stick left alone must not pull the slider
 * back from where the keys or mouse put it. Up (negative axis, as pads report it) is positive valence.
 */
export function stickValue(axis: number | null, previous: number | null): number | null {
  if (axis === null || previous === null || Math.abs(axis - previous) < 0.01) return null;
  return Math.abs(axis) < STICK_DEADZONE ? 0 : clampValence(-axis);
}
