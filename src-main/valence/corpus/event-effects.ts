/**
 * How the synthetic corpus lets inserted human sounds move the viewer's valence: each class pulls
 * valence towards a target with a strength, after a lag, while it sounds and for a while after.
 * Signs follow the paper's Table I (crying, breathing, shouting negative; speech near neutral);
 * laughter and singing pull up so both extremes occur. The sizes are made up; see docs/valence.md.
 */
import type { EventClass } from '../../contract/domain.js';

export interface EventEffect {
  /** Valence the event pulls towards. */
  target: number;
  /** Share of the way to the target reached at full response (0..1). */
  strength: number;
}

export const EVENT_EFFECTS: Record<EventClass, EventEffect> = {
  crying: { target: -0.9, strength: 0.9 },
  shouting: { target: -0.8, strength: 0.8 },
  breathing: { target: -0.75, strength: 0.7 },
  laughter: { target: 0.9, strength: 0.9 },
  singing: { target: 0.8, strength: 0.75 },
  speech_female: { target: 0.3, strength: 0.3 },
  speech_male: { target: 0, strength: 0.2 },
  crowd: { target: 0.25, strength: 0.3 },
};

/** Response timing, seconds: the viewer reacts `lag` after the sound, rises with `rise`, fades with `fade`. */
export const RESPONSE = { lag: 0.6, rise: 0.5, fade: 2.5 } as const;
