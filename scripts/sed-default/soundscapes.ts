/**
 * The audio of the examples: example i of a set is drawn from its own seeded generator (10 s of
 * voices over a bed), so every script that renders it gets the same waveform and events.
 */
import { EVENT_CLASSES, type EventClass } from '../../src-main/contract/domain.js';
import { cutBed, synthBed, type SyntheticBed } from '../../src-main/sed/data/backgrounds.js';
import { Rng } from '../../src-main/util/random.js';
import { DEFAULT_SOUNDSCAPE, planSoundscape, renderSoundscape, type LabelledEvent, type SourceClip } from '../../src-main/sed/data/soundscape.js';
import type { SetSpec } from './sets.js';
import type { BedClip } from './sources.js';

export function byClass(clips: ReadonlyArray<SourceClip & { label: EventClass }>): Map<EventClass, SourceClip[]> {
  const m = new Map<EventClass, SourceClip[]>();
  for (const c of EVENT_CLASSES) m.set(c, []);
  for (const c of clips) m.get(c.label)!.push(c);
  for (const [c, list] of m) if (list.length === 0) m.delete(c);
  return m;
}

export interface RenderedExample {
  index: number;
  bed: string;
  events: LabelledEvent[];
  durationS: number;
  audio: Float32Array;
}

export function renderExample(spec: SetSpec, index: number, clips: Map<EventClass, SourceClip[]>, bedPool: BedClip[]): RenderedExample {
  const rng = new Rng(spec.seed * 1_000_003 + index);
  const negative = rng.next() < spec.negativeShare;
  const r = rng.next();
  const kind = bedPool.length === 0 || r < spec.quietShare ? 'quiet' : r < spec.quietShare + spec.syntheticMusicShare ? 'music' : 'real';
  const quiet = kind === 'quiet';
  const options = {
    ...DEFAULT_SOUNDSCAPE,
    eventCount: negative ? ([0, 0] as [number, number]) : spec.eventCount,
    // Near-silence: a faint noise floor and events at ordinary levels; film beds: 0–15 dB under the events.
    bedDb: quiet ? ([-70, -50] as [number, number]) : ([-32, -18] as [number, number]),
    ebrDb: quiet ? ([35, 55] as [number, number]) : ([0, 15] as [number, number]),
  };
  const plan = planSoundscape(clips, options, rng);
  const n = Math.round(options.durationS * 16000);
  let bedName: string;
  let bed: Float32Array;
  if (kind === 'real') {
    const b = rng.pick(bedPool);
    bedName = `${b.category}:${b.package}`;
    bed = cutBed(b.samples, n, rng);
  } else {
    const synth: SyntheticBed = quiet ? rng.pick(['noise', 'hum', 'ambience'] as SyntheticBed[]) : 'music';
    bedName = `${quiet ? 'quiet' : 'synthetic'}:${synth}`;
    bed = synthBed(synth, n, 16000, rng);
  }
  return { index, bed: bedName, events: plan.events, durationS: options.durationS, audio: renderSoundscape(plan, bed) };
}
