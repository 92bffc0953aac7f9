/**
 * Loads a folder of isolated clips described by a manifest: decodes each to 16 kHz mono and finds
 * its active span. Clips that are silent throughout are skipped (returned in `skipped`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeAudio } from '../../media/decode-audio.js';
import { LOG_MEL } from '../frontend/log-mel.js';
import { activeSpan } from './active-span.js';
import { parseManifest, type ClipEntry } from './manifest.js';
import type { SourceClip } from './soundscape.js';

export interface CorpusClip extends ClipEntry, SourceClip {}

export interface Corpus {
  clips: CorpusClip[];
  skipped: string[];
}

export async function loadCorpus(
  manifestPath: string,
  { signal, concurrency = 4, onProgress }: { signal?: AbortSignal; concurrency?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<Corpus> {
  const entries = parseManifest(await readFile(manifestPath, 'utf8'));
  const root = path.dirname(manifestPath);
  const clips: Array<CorpusClip | null> = new Array(entries.length).fill(null);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < entries.length) {
      const i = next++;
      signal?.throwIfAborted();
      const samples = await decodeAudio(path.join(root, entries[i].file), { sampleRate: LOG_MEL.sampleRate, signal });
      const span = activeSpan(samples);
      if (span) clips[i] = { ...entries[i], samples, span };
      onProgress?.(++done, entries.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, entries.length) }, worker));
  return {
    clips: clips.filter((c): c is CorpusClip => c !== null),
    skipped: entries.filter((_, i) => clips[i] === null).map((e) => e.file),
  };
}
