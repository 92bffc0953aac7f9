/** Tiny argv parser on node:util's parseArgs, with usage errors that name the command. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { badRequest } from '../contract/errors.js';

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  usage: string,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw badRequest(`${(err as Error).message}\nusage: ${usage}`);
  }
}
