/**
 * Reads a clip manifest (the human-sounds corpus format: a TSV with at least `file`, `label`,
 * `source` and `duration_s` columns) and names each clip's source group: the unit a validation
 * split holds out whole, so no voice, recording device or speaker is on both sides.
 */
import { EVENT_CLASSES, type EventClass } from '../../contract/domain.js';

export interface ClipEntry {
  /** Relative to the manifest's folder. */
  file: string;
  label: EventClass;
  /** `debian:<package>` or `github:<owner>/<repo>` in the shipped corpus. */
  source: string;
  durationS: number;
  group: string;
}

export function parseManifest(text: string): ClipEntry[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0);
  if (lines.length === 0) throw new Error('the manifest is empty');
  const header = lines[0].split('\t');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`the manifest has no '${name}' column`);
    return i;
  };
  const [fileCol, labelCol, sourceCol, durationCol] = [col('file'), col('label'), col('source'), col('duration_s')];
  return lines.slice(1).map((line, n) => {
    const cells = line.split('\t');
    const label = cells[labelCol] as EventClass;
    if (!EVENT_CLASSES.includes(label)) throw new Error(`manifest line ${n + 2}: unknown label '${cells[labelCol]}'`);
    const file = cells[fileCol];
    return { file, label, source: cells[sourceCol], durationS: Number(cells[durationCol]), group: sourceGroup(file) };
  });
}

/**
 * The `source-short` prefix of a corpus file name (`<label>/<source-short>__<name>`), merged
 * where different prefixes are the same voice and split where one prefix holds many recorders:
 * - asterisk prompt sets (`-digits`, `-letters`, …) belong to their voice, and the en and es
 *   prompts are both Allison Smith;
 * - kajongg's German voices may be the English voice actors, so `de-male1` goes with `male1`;
 * - OpenArena models share voice actors (credits in ATTRIBUTION.md): "pixie", "RottKing";
 * - donateacry is one folder of many phones and babies: each app instance is its own group;
 * - FSDD and LibriSpeech: one group per speaker.
 */
export function sourceGroup(file: string): string {
  const name = file.split('/').pop() ?? file;
  const [prefix, rest = ''] = name.split('__');
  if (prefix === 'donateacry') return `donateacry-${rest.split('-').slice(0, 5).join('-')}`;
  if (prefix === 'fsdd') return `fsdd-${rest.split('_')[1] ?? ''}`;
  if (prefix === 'librosa-librispeech') return `librispeech-${rest.split('-')[0]}`;
  let group = prefix.replace(/-(digits|letters|phonetic(-ICAO)?|dictate|followme)$/, '');
  if (group === 'asterisk-es') group = 'asterisk-en';
  group = group.replace(/^kajongg-de-/, 'kajongg-');
  const actor = OPENARENA_VOICES[group];
  return actor ? `openarena-voice-${actor}` : group;
}

const OPENARENA_VOICES: Record<string, string> = {
  ...Object.fromEntries(['angelyss', 'arachna', 'ayumi', 'major', 'sorceress'].map((m) => [`openarena-${m}`, 'pixie'])),
  ...Object.fromEntries(
    ['assassin', 'merman', 'penguin', 'sarge', 'sergei', 'skelebot', 'smarine', 'tony'].map((m) => [`openarena-${m}`, 'RottKing']),
  ),
};
