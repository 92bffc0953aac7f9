/**
 * Scores any pair of detector folders (e.g. the paper's CBRNN) on the very audio the shipped
 * detectors are judged on: the held-out soundscapes (near-silence and beds) and the held-out beds
 * with no voice, rendered exactly as build-features.ts renders them, run through the app's
 * detection session. Prints the same tables as train:sed-default.
 *
 *   tsx scripts/sed-default/compare.ts --verbal <dir> --nonverbal <dir> [--mined .cache/sed-corpus]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { SoundEventDetector, type ModelEvent } from '../../src-main/sed/detector.js';
import { segmentBasedMetrics } from '../../src-main/sed/metrics/segment-based.js';
import { VERBAL_CLASSES, NONVERBAL_CLASSES } from '../../src-main/contract/domain.js';
import { printReport } from './report.js';
import { SETS } from './sets.js';
import { byClass, renderExample } from './soundscapes.js';
import { loadSides } from './sources.js';
import { tallyFalseAlarms } from './scores.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({ options: { verbal: { type: 'string' }, nonverbal: { type: 'string' }, mined: { type: 'string' }, human: { type: 'string' } } });
const { voices, beds, side } = await loadSides(values.human ?? path.resolve(repo, '..', 'shared', 'data', 'human-sounds'), values.mined ?? path.join(repo, '.cache', 'sed-corpus'));
const detector = await SoundEventDetector.load({ verbal: values.verbal, nonverbal: values.nonverbal });

async function detect(audio: Float32Array): Promise<ModelEvent[]> {
  const s = detector.session();
  await s.push(audio);
  await s.finish();
  return s.events();
}

const testVoices = byClass(voices.filter((v) => side(v.package) === 'test'));
const testBeds = beds.filter((b) => side(b.package) === 'test');
const scored = [] as Array<{ group: string; version: string; quiet: ReturnType<typeof segmentBasedMetrics>; bed: ReturnType<typeof segmentBasedMetrics> }>;
const perSet: Record<string, Array<{ reference: ModelEvent[] | { label: string; onset: number; offset: number }[]; estimated: ModelEvent[]; length: number }>> = {};
for (const name of ['test-quiet', 'test-bed']) {
  perSet[name] = [];
  for (let i = 0; i < SETS[name].count; i++) {
    const ex = renderExample(SETS[name], i, testVoices, testBeds);
    perSet[name].push({ reference: ex.events, estimated: await detect(ex.audio), length: ex.durationS });
  }
}
for (const [group, classes] of [['verbal', VERBAL_CLASSES], ['nonverbal', NONVERBAL_CLASSES]] as const) {
  const score = (name: string) => segmentBasedMetrics(perSet[name].map((f) => ({ ...f, reference: f.reference.filter((e) => (classes as readonly string[]).includes(e.label)) })), [...classes]);
  scored.push({ group, version: detector.models[group].meta.version, quiet: score('test-quiet'), bed: score('test-bed') });
}
const detectedBeds = [];
for (const b of testBeds) detectedBeds.push({ category: b.category, durationS: b.samples.length / 16000, events: await detect(b.samples) });
const falseAlarms = tallyFalseAlarms(detectedBeds);
detector.dispose();
printReport({ models: scored, falseAlarms, sets: {} });
