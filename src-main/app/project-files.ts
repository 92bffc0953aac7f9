/**
 * Whether a path may be opened as, or made into, a project: the checks the workspace makes before
 * Project.open makes its own. Read-only, so a refused path is left exactly as it was.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { badRequest, conflict } from '../contract/errors.js';
import { APPLICATION_ID } from '../store/db.js';

export const PROJECT_EXTENSION = '.vsproj';

/** A relative path would depend on the folder the server was started from, which the person cannot see. */
function absolute(given: string): string {
  if (!isAbsolute(given)) throw badRequest(`give the full path of the project file (from / or a drive letter), not "${given}"`);
  return resolve(given);
}

const withExtension = (path: string) => (extname(path) === PROJECT_EXTENSION ? path : `${path}${PROJECT_EXTENSION}`);

/**
 * The file to open (the ending may be left off, as when it was created), or why not. An empty file is
 * refused here: Project.open would make a new project in it, and opening is never meant to write.
 */
export function pathToOpen(given: string): string {
  const typed = absolute(given);
  const path = !existsSync(typed) && existsSync(withExtension(typed)) ? withExtension(typed) : typed;
  if (existsSync(path) && statSync(path).isFile() && statSync(path).size === 0) {
    throw badRequest(`${path} is an empty file, not a Valence Studio project; it was not changed`);
  }
  return path;
}

/**
 * Where a new project goes (the ending added when missing), or why not: nothing may be there yet, and
 * its folder must exist. A project already there is a conflict the person settles by opening it.
 */
export function pathToCreate(given: string): string {
  const path = withExtension(absolute(given));
  if (existsSync(path)) {
    if (isProjectFile(path)) throw conflict(`${path} is already a Valence Studio project: open it instead (it was not changed)`);
    throw badRequest(`${path} already exists and is not a Valence Studio project; choose another name (it was not changed)`);
  }
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw badRequest(`the folder ${folder} does not exist`);
  return path;
}

/** SQLite's magic and this app's id (header bytes 68–71, big-endian), read without opening the database. */
function isProjectFile(path: string): boolean {
  if (!statSync(path).isFile()) return false;
  const head = Buffer.alloc(72);
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.toString('latin1', 0, 16) === 'SQLite format 3\0' && head.readUInt32BE(68) === APPLICATION_ID;
  } finally {
    closeSync(fd);
  }
}
