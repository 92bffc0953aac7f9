/** Input read through the contract's schemas: what does not fit is refused, saying what and where. */
import type { z } from 'zod';
import { badRequest } from './errors.js';
import { JOB_PARAMS, type JobKind, type JobParams } from './jobs.js';

/** `value` as the schema reads it, or a bad-request error naming what was wrong and where. */
export function parseOrRefuse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw badRequest(`${what}: ${where}${issue.message}`);
}

/**
 * A stored job's params checked against its kind's schema before it runs, so a row written by another
 * version of the app fails with the reason instead of part-way through.
 */
export function parseJobParams<K extends JobKind>(kind: K, params: unknown): JobParams<K> {
  if (!Object.hasOwn(JOB_PARAMS, kind)) throw new Error(`unknown job kind '${kind}'`);
  // TypeScript does not follow a generic key through the map: the schema read is the one for `kind`.
  return parseOrRefuse<unknown>(JOB_PARAMS[kind], params, `${kind} job`) as JobParams<K>;
}
