/** `--movie <id-or-path>` as every command reads it: a movie id, or the path the film was imported from. */
import { resolve } from 'node:path';
import type { Movie } from '../contract/domain.js';
import { notFound } from '../contract/errors.js';

export function findMovie(movies: readonly Movie[], which: string, projectPath: string): Movie {
  const movie = /^\d+$/.test(which) ? movies.find((m) => m.id === Number(which)) : movies.find((m) => m.path === resolve(which));
  if (!movie) throw notFound(`no movie '${which}' in ${projectPath}`);
  return movie;
}
