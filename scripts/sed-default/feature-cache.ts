/**
 * Tagger features of a set of examples on disk: `<name>.json` (per example: duration, steps,
 * events, what it was made of) beside `<name>.f32` (the features, little-endian float32, examples
 * in order). Written by shard; read back as one set in example order.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LabelledEvent } from '../../src-main/sed/data/soundscape.js';
import type { HeadExample } from '../../src-main/sed/head/evaluate-head.js';
import { TAGGER_DIMS } from '../../src-main/sed/tagger/tagger.js';

export interface CachedExample extends HeadExample {
  index: number;
  /** What the example is: its bed kind and category, for per-condition figures. */
  bed: string;
  events: LabelledEvent[];
}

type Meta = Omit<CachedExample, 'features'> & { steps: number };

export async function writeShard(dir: string, name: string, shard: number, examples: readonly CachedExample[]): Promise<void> {
  const meta: Meta[] = examples.map(({ features, ...rest }) => ({ ...rest, steps: features.length / TAGGER_DIMS }));
  const total = examples.reduce((n, e) => n + e.features.length, 0);
  const body = new Float32Array(total);
  let at = 0;
  for (const e of examples) {
    body.set(e.features, at);
    at += e.features.length;
  }
  await writeFile(path.join(dir, `${name}.${shard}.f32`), Buffer.from(body.buffer));
  await writeFile(path.join(dir, `${name}.${shard}.json`), JSON.stringify(meta));
}

export function hasSet(dir: string, name: string, shards: number): boolean {
  return Array.from({ length: shards }, (_, k) => existsSync(path.join(dir, `${name}.${k}.json`))).every(Boolean);
}

export async function readSet(dir: string, name: string, shards: number): Promise<CachedExample[]> {
  const out: CachedExample[] = [];
  for (let k = 0; k < shards; k++) {
    const meta = JSON.parse(await readFile(path.join(dir, `${name}.${k}.json`), 'utf8')) as Meta[];
    const buf = await readFile(path.join(dir, `${name}.${k}.f32`));
    const body = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    let at = 0;
    for (const { steps, ...m } of meta) {
      out.push({ ...m, features: body.slice(at, at + steps * TAGGER_DIMS) });
      at += steps * TAGGER_DIMS;
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
