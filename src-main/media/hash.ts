import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** SHA-256 of a file's bytes, streamed; identifies a movie across renames and moves. */
export async function hashFile(path: string, onBytes?: (bytesRead: number) => void, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  let read = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024, signal })) {
    hash.update(chunk as Buffer);
    read += (chunk as Buffer).length;
    onBytes?.(read);
  }
  return hash.digest('hex');
}
