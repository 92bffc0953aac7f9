/**
 * The recordings behind the shipped detectors, and which of them are held out. Voices come from
 * ../shared/data/human-sounds and from the Debian packages mined by scripts/sed-corpus (role
 * `voice`); beds (real audio with no human voice: music, ambience, effects, animals, vehicles) from
 * the mined packages (role `bed`). Everything is split by source package, never by clip: a held-out
 * package contributes nothing to training, calibration or thresholds.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EVENT_CLASSES, type EventClass } from '../../src-main/contract/domain.js';
import { decodeAudio } from '../../src-main/media/decode-audio.js';
import { activeSpan } from '../../src-main/sed/data/active-span.js';
import { sourceGroup } from '../../src-main/sed/data/manifest.js';
import type { SourceClip } from '../../src-main/sed/data/soundscape.js';
import { PitchTrack } from '../../src-main/sed/tagger/pitch-track.js';

export const BED_CATEGORIES = ['music', 'ambience', 'effects', 'animals', 'vehicles'] as const;
export type BedCategory = (typeof BED_CATEGORIES)[number];

/**
 * Voice packages held out whole for the test soundscapes: nothing from them (voice or bed) enters
 * training, calibration or thresholds. Chosen so every class keeps training sources and has test
 * sources; speech holds out whole voice sets of both sexes.
 */
export const HELD_OUT_VOICE_PACKAGES = ['0ad-data', 'asterisk-core-sounds-ru-wav', 'scratch', 'tuxfootball', 'cube2-data', 'frozen-bubble-data', 'openarena-085-data', 'monsterz-data', 'tuxpaint-data'];

/** Every third donateacry contributor, in name order, is held out too. */
function heldOutContributors(voices: readonly Pick<VoiceClip, 'package'>[]): string[] {
  const all = [...new Set(voices.map((v) => v.package).filter((p) => p.startsWith('donateacry-corpus/')))].sort();
  return all.filter((_, i) => i % 3 === 2);
}

/** Bed packages held out for the test beds and the false-alarm measurement. */
export const HELD_OUT_BED_SHARE = 1 / 3;

export interface VoiceClip extends SourceClip {
  file: string;
  package: string;
}

export interface BedClip {
  file: string;
  package: string;
  category: BedCategory;
  samples: Float32Array;
}

/**
 * `debian:foo` → `foo`, `github:owner/repo` → `owner/repo`. The crying corpus (donateacry) is one
 * crowd-sourced collection of many phones and babies and the only large source of crying, so it is
 * split by contributor (app instance) instead: `donateacry-corpus/<instance>`.
 */
function packageOf(source: string, file: string): string {
  const pkg = source.replace(/^(debian|github):/, '');
  return pkg === 'gveres/donateacry-corpus' ? `donateacry-corpus/${sourceGroup(file)}` : pkg;
}

function parseTsv(text: string): Array<Record<string, string>> {
  const [head, ...rows] = text.split(/\r?\n/).filter((l) => l.trim());
  const cols = head.split('\t');
  return rows.map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i], v])));
}

async function decodeAll<T>(items: T[], file: (t: T) => string, use: (t: T, samples: Float32Array) => void): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < items.length) {
        const it = items[next++];
        use(it, await decodeAudio(file(it), { sampleRate: 16000 }));
      }
    }),
  );
}

export async function loadVoices(humanSounds: string, mined: string | null): Promise<VoiceClip[]> {
  const rows: Array<{ file: string; label: EventClass; package: string }> = [];
  for (const r of parseTsv(await readFile(path.join(humanSounds, 'manifest.tsv'), 'utf8'))) {
    rows.push({ file: path.join(humanSounds, r.file), label: r.label as EventClass, package: packageOf(r.source, r.file) });
  }
  const minedManifest = mined && path.join(mined, 'manifest.tsv');
  if (minedManifest && existsSync(minedManifest)) {
    for (const r of parseTsv(await readFile(minedManifest, 'utf8'))) {
      if (r.role !== 'voice' || r.in_human_sounds === 'yes' || !EVENT_CLASSES.includes(r.label as EventClass)) continue;
      rows.push({ file: path.join(mined, r.file), label: r.label as EventClass, package: r.package });
    }
  }
  const clips: VoiceClip[] = [];
  await decodeAll(rows, (r) => r.file, (r, samples) => {
    const span = activeSpan(samples);
    if (span) clips.push({ file: r.file, label: r.label, package: r.package, samples, span });
  });
  return clips.sort((a, b) => a.file.localeCompare(b.file));
}

export async function loadBeds(mined: string | null): Promise<BedClip[]> {
  const manifest = mined && path.join(mined, 'manifest.tsv');
  if (!manifest || !existsSync(manifest)) return [];
  const rows = parseTsv(await readFile(manifest, 'utf8')).filter((r) => r.role === 'bed' && (BED_CATEGORIES as readonly string[]).includes(r.category));
  const beds: BedClip[] = [];
  await decodeAll(rows, (r) => path.join(mined, r.file), (r, samples) => {
    if (samples.length >= 16000) beds.push({ file: path.join(mined, r.file), package: r.package, category: r.category as BedCategory, samples });
  });
  return beds.sort((a, b) => a.file.localeCompare(b.file));
}


/**
 * Packages held out: the voice packages above plus, per bed category, enough more bed packages
 * (last in name order first) that about a third of the category's packages are held out, counting
 * the voice packages among them, and never all of them when there are two or more.
 */
export function heldOutPackages(voices: readonly Pick<VoiceClip, 'package'>[], beds: readonly Pick<BedClip, 'package' | 'category'>[]): Set<string> {
  const out = new Set([...HELD_OUT_VOICE_PACKAGES, ...heldOutContributors(voices)]);
  for (const category of BED_CATEGORIES) {
    const packages = [...new Set(beds.filter((b) => b.category === category).map((b) => b.package))].sort();
    const target = Math.min(packages.length - 1, Math.max(1, Math.round(packages.length * HELD_OUT_BED_SHARE)));
    let held = packages.filter((p) => out.has(p)).length;
    for (const p of [...packages].reverse()) {
      if (held >= target) break;
      if (!out.has(p)) {
        out.add(p);
        held++;
      }
    }
  }
  return out;
}

/** Median F0 of a clip's voiced 20 ms frames, or null with fewer than five. */
function medianF0(samples: Float32Array): number | null {
  const t = new PitchTrack();
  const f0 = [...t.push(samples), ...t.finish()].filter((v) => v > 0).sort((a, b) => a - b);
  return f0.length < 5 ? null : f0[f0.length >> 1];
}

/**
 * Training speech whose pitch contradicts its label (a male voice with a median above 175 Hz, a
 * female one below 155 Hz, as some game voices are) is left out of training: kept, it teaches the
 * head that pitch says little about sex and to learn the training voices instead. Held-out clips
 * are never filtered.
 */
export function withoutPitchContradictions<T extends VoiceClip>(clips: T[]): { kept: T[]; dropped: string[] } {
  const dropped: string[] = [];
  const kept = clips.filter((c) => {
    if (c.label !== 'speech_male' && c.label !== 'speech_female') return true;
    const f0 = medianF0(c.samples);
    const wrong = f0 !== null && (c.label === 'speech_male' ? f0 > 175 : f0 < 155);
    if (wrong) dropped.push(c.file);
    return !wrong;
  });
  return { kept, dropped };
}

/** Every voice and bed, and which side of the split each package is on. */
export async function loadSides(human: string, mined: string | null) {
  const voices = await loadVoices(human, mined);
  const beds = await loadBeds(mined);
  const heldOut = heldOutPackages(voices, beds);
  const side = (pkg: string): 'train' | 'test' => (heldOut.has(pkg) ? 'test' : 'train');
  return { voices, beds, side };
}
