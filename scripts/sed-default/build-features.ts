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
import { AudioTagger, tagSignal } from '../../src-main/sed/tagger/tagger.js';
import { writeShard, type CachedExample } from './feature-cache.js';
import { loadSides, withoutPitchContradictions } from './sources.js';
import { SETS } from './sets.js';
import { byClass, renderExample } from './soundscapes.js';

const { values } = parseArgs({ options: { out: { type: 'string' }, mined: { type: 'string' }, human: { type: 'string' }, shard: { type: 'string' }, shards: { type: 'string' }, sets: { type: 'string' }, limit: { type: 'string' } } });
const limit = Number(values.limit ?? Infinity);
const out = values.out!;
const shard = Number(values.shard ?? 0);
const shards = Number(values.shards ?? 1);
const wanted = values.sets ? values.sets.split(',') : Object.keys(SETS);
await mkdir(out, { recursive: true });

const { voices, beds, side } = await loadSides(values.human!, values.mined ?? null);
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
    for (let i = shard; i < Math.min(spec.count, limit); i += shards) {
      const { audio, ...ex } = renderExample(spec, i, voicePool, bedPool);
      examples.push({ ...ex, features: await tagSignal(tagger, audio) });
    }
  }
  await writeShard(out, name, shard, examples);
  console.log(`shard ${shard}: ${name} ${examples.length} examples`);
}
await tagger.release();

