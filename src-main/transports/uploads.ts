/**
 * Movies uploaded from a browser (it cannot hand over file paths). Each upload is refused up front when
 * it cannot fit, and its folder is removed whenever it does not arrive whole.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, statfsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { declaredLength, formatBytes, HttpError, tooLarge } from './http-io.js';

export interface UploadLimits {
  /** The largest single upload. */
  maxUploadBytes: number;
  /** Free space an upload must leave on the upload folder's disk, so the project beside it can still grow. */
  uploadReserveBytes: number;
}

/** Why an upload of `declared` bytes is refused given `freeBytes` on the disk, or null. */
export function uploadRefusal(declared: number | null, freeBytes: number, limits: UploadLimits): HttpError | null {
  if (declared === null) return new HttpError(411, 'an upload needs a Content-Length header');
  if (!Number.isSafeInteger(declared) || declared < 0) return new HttpError(400, 'the Content-Length header is not a byte count');
  if (declared > limits.maxUploadBytes) return tooLarge('the upload', limits.maxUploadBytes);
  const room = freeBytes - limits.uploadReserveBytes;
  if (declared > room) {
    return new HttpError(507, `not enough disk space for a ${formatBytes(declared)} upload (${formatBytes(Math.max(0, room))} can be used)`);
  }
  return null;
}

/** A file name safe to create, kept as close to the original as possible: it becomes the movie's title. */
export const safeUploadName = (name: string | null) => basename(name ?? 'upload').replace(/[^\w.\- ]+/g, '_') || 'upload';

function freeBytesAt(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

/** Stores the request body in a new folder under `uploadDir` and returns its path; throws HttpError on refusal. */
export async function receiveUpload(req: IncomingMessage, uploadDir: string, name: string, limits: UploadLimits): Promise<string> {
  mkdirSync(uploadDir, { recursive: true });
  const refusal = uploadRefusal(declaredLength(req), freeBytesAt(uploadDir), limits);
  if (refusal) throw refusal;
  // One folder per upload keeps the original file name.
  const folder = join(uploadDir, `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`);
  mkdirSync(folder);
  const dest = join(folder, name);
  try {
    // Node ends the body at Content-Length and errors the stream when the client goes away early.
    await pipeline(req, createWriteStream(dest));
    return dest;
  } catch (err) {
    await rm(folder, { recursive: true, force: true, maxRetries: 3 });
    throw err;
  }
}
