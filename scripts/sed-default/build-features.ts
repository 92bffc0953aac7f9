/**
 * One shard of the tagger-feature sets the shipped detectors are trained and tested on (run by
 * train-sed-default.ts, one process per core): 10 s soundscapes of voices over beds, rendered at
 * 16 kHz and run through the real front end (upsampling, EfficientAT log-mel, mn04). Example i of
 * a set is drawn from its own seeded generator, so the sets do not depend on the shard count.
 *
 *   tsx scripts/sed-default/build-features.ts --out <dir> --human <dir> [--mined <dir>] [--shard k --shards n]
 *     [--sets a,b] [--limit N (examples per set, for a quick look)]
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EVENT_CLASSES, type EventClass } from '../../src-main/contract/domain.js';
import { cutBed, synthBed, type SyntheticBed } from '../../src-main/sed/data/backgrounds.js';
import { Rng } from '../../src-main/sed/data/rng.js';
import { DEFAULT_SOUNDSCAPE, planSoundscape, renderSoundscape, type SourceClip } from '../../src-main/sed/data/soundscape.js';
import { AudioTagger, tagSignal } from '../../src-main/sed/tagger/tagger.js';
import { writeShard, type CachedExample } from './feature-cache.js';
import { heldOutPackages, loadBeds, loadVoices, withoutPitchContradictions, type BedClip } from './sources.js';
import { SETS, type SetSpec } from './sets.js';

const { values } = parseArgs({ options: { out: { type: 'string' }, mined: { type: 'string' }, human: { type: 'string' }, shard: { type: 'string' }, shards: { type: 'string' }, sets: { type: 'string' }, limit: { type: 'string' } } });
const limit = Number(values.limit ?? Infinity);
const out = values.out!;
const shard = Number(values.shard ?? 0);
const shards = Number(values.shards ?? 1);
const wanted = values.sets ? values.sets.split(',') : Object.keys(SETS);
await mkdir(out, { recursive: true });

const voices = await loadVoices(values.human!, values.mined ?? null);
const beds = await loadBeds(values.mined ?? null);
const heldOut = heldOutPackages(voices, beds);
const side = (pkg: string) => (heldOut.has(pkg) ? 'test' : 'train');
const tagger = await AudioTagger.load();

const trainVoices = withoutPitchContradictions(voices.filter((v) => side(v.package) === 'train'));
if (shard === 0) console.log(`left ${trainVoices.dropped.length} training speech clips out whose pitch contradicts their label`);
for (const name of wanted) {
  const spec = SETS[name];
  const voicePool = byClass(spec.sources === 'train' ? trainVoices.kept : voices.filter((v) => side(v.package) === 'test'));
  const bedPool = beds.filter((b) => side(b.package) === spec.sources);
  const examples: CachedExample[] = [];
  if (spec.kind === 'beds') {
    // Every bed clip of the side, whole: the false-alarm measurement.
    for (let i = shard; i < Math.min(bedPool.length, limit); i += shards) {
      const b = bedPool[i];
      examples.push({ index: i, bed: `${b.category}:${b.package}`, events: [], durationS: b.samples.length / 16000, features: await tagSignal(tagger, b.samples) });
    }
  } else {
    for (let i = shard; i < Math.min(spec.count, limit); i += shards) examples.push(await soundscape(spec, i, voicePool, bedPool));
  }
  await writeShard(out, name, shard, examples);
  console.log(`shard ${shard}: ${name} ${examples.length} examples`);
}
await tagger.release();

function byClass(clips: ReadonlyArray<SourceClip & { label: EventClass }>): Map<EventClass, SourceClip[]> {
  const m = new Map<EventClass, SourceClip[]>();
  for (const c of EVENT_CLASSES) m.set(c, []);
  for (const c of clips) m.get(c.label)!.push(c);
  for (const [c, list] of m) if (list.length === 0) m.delete(c);
  return m;
}

async function soundscape(spec: SetSpec, index: number, clips: Map<EventClass, SourceClip[]>, bedPool: BedClip[]): Promise<CachedExample> {
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
  const audio = renderSoundscape(plan, bed);
  return { index, bed: bedName, events: plan.events, durationS: options.durationS, features: await tagSignal(tagger, audio) };
}
