/** Files an export returned, written beside `out` (NOVA's data file lands next to its header); returns their paths. */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { badRequest } from '../contract/errors.js';

export function writeFilesBeside(out: string, files: ReadonlyArray<{ name: string; text: string }>): string[] {
  return files.map((f) => {
    const path = join(dirname(out), f.name);
    try {
      writeFileSync(path, f.text);
    } catch (err) {
      throw badRequest(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    return path;
  });
}
