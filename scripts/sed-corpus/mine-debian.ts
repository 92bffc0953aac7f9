// Mines Debian packages for sound-event-detection audio (beds = no human voice,
// voices = labelled human sounds). See packages.ts for the package list and
// docs/sed.md ("Training data") for the output layout and how it is used.
//
//   npx tsx scripts/sed-corpus/mine-debian.ts [--out .cache/sed-corpus] [--only beds|voices]
//
// Idempotent: each (package, role) writes <out>/state/<pkg>__<role>.tsv when done
// and is skipped afterwards; delete that file to redo it. manifest.tsv and
// LICENCES.md are rebuilt from all state files on every run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode, encodeFlac, findFfmpeg, isSilent, SR } from './audio.js';
import { aptInfo, fetchAndExtract, listAudio, type AudioFile } from './debian.js';
import { fileLicenceLookup, summariseCopyright } from './licence.js';
import { loadHumanSounds, MANIFEST_HEADER, rowToLine, writeLicences, writeManifest, type Row } from './manifest.js';
import { CLIP_MAX_S, CLIP_MIN_S, PACKAGE_CAP_S, PACKAGES, type PackageSpec, type Rule, type RuleCategory } from './packages.js';
import { medianF0 } from './pitch.js';
import { assertNotReserved, loadReserved } from './reserved.js';
import { voiceHint } from './voice-filter.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PARALLEL = 2; // the build machine has 2 cores: at most 2 ffmpeg processes at once

// Speech sex split by median F0 (Hz); the band in between is ambiguous and dropped.
const MALE_BELOW = 155;
const FEMALE_ABOVE = 175;

function parseArgs(argv: string[]): { out: string; only: 'bed' | 'voice' | null } {
  let out = join(REPO, '.cache/sed-corpus');
  let only: 'bed' | 'voice' | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = resolve(REPO, argv[++i] ?? '');
    else if (argv[i] === '--only') {
      const v = argv[++i];
      if (v === 'beds') only = 'bed';
      else if (v === 'voices') only = 'voice';
      else throw new Error('--only takes beds or voices');
    } else throw new Error(`unknown argument ${argv[i]}`);
  }
  return { out, only };
}

interface Candidate extends AudioFile { category: RuleCategory }

function findRule(spec: PackageSpec, path: string): Rule | null {
  const p = path.toLowerCase();
  return spec.rules.find((rule) => rule.match.test(p)) ?? null;
}
const categorise = (spec: PackageSpec, path: string) => findRule(spec, path)?.category ?? null;

/** Round-robin over groups so a capped package contributes from all its folders/categories. */
function interleave<T>(groups: T[][]): T[] {
  const out: T[] = [];
  for (let i = 0; groups.some((g) => i < g.length); i++) for (const g of groups) if (i < g.length) out.push(g[i]);
  return out;
}

function groupBy<T>(items: T[], key: (t: T) => string): T[][] {
  const m = new Map<string, T[]>();
  for (const it of items) m.set(key(it), [...(m.get(key(it)) ?? []), it]);
  return [...m.keys()].sort().map((k) => m.get(k)!);
}

/** Deterministic "spread" order: categories alternate, and within one, folders alternate. */
function spreadOrder(cands: Candidate[]): Candidate[] {
  const byCat = groupBy(cands, (c) => c.category);
  return interleave(byCat.map((cat) => interleave(groupBy(cat, (c) => dirname(c.sourcePath)))));
}

function clipName(pkg: string, sourcePath: string): string {
  // Last three path parts keep names unique (weapons/rifle/primary.ogg vs weapons/smg/primary.ogg).
  const parts = sourcePath.replace(/\.[a-z0-9]+$/i, '').split(/[/:]/).slice(-3);
  return `${pkg}__${parts.join('-').replace(/[^A-Za-z0-9._-]+/g, '_')}`;
}

async function processCandidate(ffmpeg: string, out: string, spec: PackageSpec, c: Candidate,
  licence: string, human: Set<string>): Promise<Row | null> {
  const x = await decode(ffmpeg, c.diskPath, CLIP_MAX_S).catch((e: Error) => {
    console.warn(`  ! ${c.sourcePath}: ${e.message.split('\n')[0]}`);
    return null;
  });
  if (!x || x.length < CLIP_MIN_S * SR || isSilent(x)) return null;
  let category: string = c.category;
  let sex = '-';
  let f0 = '-';
  if (category === 'speech') {
    const hz = medianF0(x, SR);
    if (hz === null || (hz >= MALE_BELOW && hz <= FEMALE_ABOVE)) return null;
    category = hz < MALE_BELOW ? 'speech_male' : 'speech_female';
    sex = hz < MALE_BELOW ? 'M' : 'F';
    const stated = findRule(spec, c.sourcePath)?.sex;
    if (stated && stated !== sex) return null; // F0 contradicts the package's own label
    f0 = hz.toFixed(1);
  }
  const file = join('clips', spec.role, category, `${clipName(spec.pkg, c.sourcePath)}.flac`);
  mkdirSync(dirname(join(out, file)), { recursive: true });
  await encodeFlac(ffmpeg, x, join(out, file));
  return {
    file, role: spec.role, category, label: spec.role === 'voice' ? category : '-', sex,
    package: spec.pkg, source_path: c.sourcePath, licence, duration_s: (x.length / SR).toFixed(3),
    f0_hz: f0, in_human_sounds: human.has(`${spec.pkg}\t${c.sourcePath}`) ? 'yes' : 'no',
  };
}

async function processPackage(ffmpeg: string, out: string, spec: PackageSpec, human: Set<string>): Promise<void> {
  const stateFile = join(out, 'state', `${spec.pkg}__${spec.role}.tsv`);
  if (existsSync(stateFile)) {
    console.log(`= ${spec.pkg} (${spec.role}): already done`);
    return;
  }
  const t0 = Date.now();
  const { version } = aptInfo(spec.pkg);
  const root = fetchAndExtract(out, spec.pkg);
  const copyright = join(root, 'usr/share/doc', spec.pkg, 'copyright');
  const summary = summariseCopyright(copyright) ?? spec.licence;
  // Manifest licence: the DEP-5 paragraph covering the file, else the curated package licence.
  const lookup = fileLicenceLookup(copyright);
  const licenceOf = (c: Candidate) => lookup?.(c.sourcePath) ?? spec.licence;

  const wanted = (p: string) => categorise(spec, p) !== null && (spec.role !== 'bed' || voiceHint(p) === null);
  const cands: Candidate[] = listAudio(root, wanted).map((f) => ({ ...f, category: categorise(spec, f.sourcePath)! }));
  const order = spreadOrder(cands);

  // Remove clips of an earlier interrupted attempt so the package's output is exactly this run's.
  const roleDir = join(out, 'clips', spec.role);
  if (existsSync(roleDir)) {
    for (const cat of readdirSync(roleDir)) {
      for (const f of readdirSync(join(roleDir, cat))) if (f.startsWith(`${spec.pkg}__`)) rmSync(join(roleDir, cat, f));
    }
  }

  const rows: Row[] = [];
  const names = new Set<string>();
  let total = 0;
  for (let i = 0; i < order.length && total < PACKAGE_CAP_S; i += PARALLEL) {
    const batch = order.slice(i, i + PARALLEL).filter((c) => {
      const n = clipName(spec.pkg, c.sourcePath);
      if (names.has(n)) return false; // same name from two folders: keep the first
      names.add(n);
      return true;
    });
    const got = await Promise.all(batch.map((c) => processCandidate(ffmpeg, out, spec, c, licenceOf(c), human)));
    for (const row of got) if (row) { rows.push(row); total += Number(row.duration_s); }
  }
  mkdirSync(dirname(stateFile), { recursive: true });
  writeFileSync(`${stateFile}.tmp`, [MANIFEST_HEADER, ...rows.map(rowToLine)].join('\n') + '\n');
  writeFileSync(join(out, 'state', `${spec.pkg}__${spec.role}.meta`), `${version}\t${summary}\n`);
  renameSync(`${stateFile}.tmp`, stateFile);
  console.log(`+ ${spec.pkg} (${spec.role}): ${rows.length}/${cands.length} clips, ` +
    `${(total / 60).toFixed(1)} min, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

async function main(): Promise<void> {
  const { out, only } = parseArgs(process.argv.slice(2));
  const reserved = loadReserved(REPO);
  // Check the whole list before doing anything, so a bad entry fails loudly and early.
  for (const spec of PACKAGES) assertNotReserved(reserved, spec.pkg);
  mkdirSync(out, { recursive: true });
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  const ffmpeg = findFfmpeg();
  const human = loadHumanSounds(resolve(REPO, '../shared/data/human-sounds/manifest.tsv'));
  const t0 = Date.now();
  for (const spec of PACKAGES) {
    if (only && spec.role !== only) continue;
    assertNotReserved(reserved, spec.pkg);
    await processPackage(ffmpeg, out, spec, human);
  }
  const n = writeManifest(out, PACKAGES);
  writeLicences(out, PACKAGES);
  console.log(`manifest.tsv: ${n} clips; run took ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
