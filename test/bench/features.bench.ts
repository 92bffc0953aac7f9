/**
 * `npm run bench:features`: emobase2010 frame-wise extraction speed on 10 minutes of real audio, built
 * by concatenating ../shared/data/human-sounds (longest files first). Decoding is done up front and not
 * timed; the extraction runs on the main thread (one core) in 10 s chunks, as the CLI feeds it.
 * Prints compute seconds per minute of audio and peak memory; asserts nothing.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeAudio } from '../../src-main/media/decode-audio.js';
import { createEmobase2010Extractor } from '../../src-main/features/emobase2010/extractor.js';

const RATE = 16000;
const MINUTES = 10;
/** openSMILE 3.0.1 SMILExtract on the same job, per minute of audio (from the issue). */
const OPENSMILE = { wallPerMin: 3.0, cpuPerMin: 2.1 };

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = path.join(repoRoot, '..', 'shared', 'data', 'human-sounds');

async function tenMinutesOfAudio(): Promise<{ samples: Float32Array; files: number }> {
  const rows = readFileSync(path.join(corpus, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const byLength = rows.map((r) => ({ file: r[0], seconds: Number(r[7]) })).sort((a, b) => b.seconds - a.seconds);
  const samples = new Float32Array(MINUTES * 60 * RATE);
  let filled = 0;
  let files = 0;
  for (const { file } of byLength) {
    if (filled === samples.length) break;
    const x = await decodeAudio(path.join(corpus, file), { sampleRate: RATE });
    const take = Math.min(x.length, samples.length - filled);
    samples.set(x.subarray(0, take), filled);
    filled += take;
    files++;
  }
  if (filled < samples.length) throw new Error(`human-sounds holds only ${(filled / RATE / 60).toFixed(1)} min of audio`);
  return { samples, files };
}

function extract(samples: Float32Array) {
  let rows = 0;
  let checksum = 0;
  const extractor = createEmobase2010Extractor({
    onFrame: (row) => {
      rows++;
      checksum += row[2];
    },
  });
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < samples.length; i += 10 * RATE) extractor.push(samples.subarray(i, i + 10 * RATE));
  extractor.finish();
  const wallSec = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { rows, checksum, wallSec, cpuSec: (used.user + used.system) / 1e6 };
}

if (!existsSync(path.join(corpus, 'manifest.tsv'))) {
  console.log(`features bench: ${corpus} not found, nothing to measure`);
} else {
  const { samples, files } = await tenMinutesOfAudio();
  const rssBefore = process.memoryUsage().rss;
  const r = extract(samples);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const perMin = (s: number) => s / MINUTES;
  console.log(`emobase2010 frame-wise extraction, ${MINUTES} min of real audio (${files} files from human-sounds), one core`);
  console.log(`  rows: ${r.rows} × 1582 features (checksum ${r.checksum.toFixed(3)})`);
  console.log(`  total: ${r.wallSec.toFixed(2)} s wall, ${r.cpuSec.toFixed(2)} s CPU  (${(MINUTES * 60 / r.wallSec).toFixed(0)}× real time)`);
  console.log(`  per minute of audio: ${perMin(r.wallSec).toFixed(3)} s wall, ${perMin(r.cpuSec).toFixed(3)} s CPU`);
  console.log(`  openSMILE 3.0.1:     ${OPENSMILE.wallPerMin.toFixed(3)} s wall, ${OPENSMILE.cpuPerMin.toFixed(3)} s CPU  → ${(OPENSMILE.cpuPerMin / perMin(r.cpuSec)).toFixed(1)}× less CPU`);
  console.log(`  peak RSS: ${peakRssMb.toFixed(0)} MB (includes the ${(samples.byteLength / 2 ** 20).toFixed(0)} MB decoded test signal; RSS before extraction ${(rssBefore / 2 ** 20).toFixed(0)} MB)`);
}
