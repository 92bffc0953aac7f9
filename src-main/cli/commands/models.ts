/**
 * `models list|activate|revert|rename|delete|compare … --project <file>`: the project's model registry,
 * through the same API methods the app's Models panel calls.
 */
import { MODEL_ROLES, type ModelRole, type RegistryModel } from '../../contract/api.js';
import { badRequest } from '../../contract/errors.js';
import { parseCommandArgs } from '../args.js';
import { findMovie } from '../find-movie.js';
import { withProjectApi } from '../run-job.js';
import { formatComparison } from '../format-comparison.js';

const USAGE = [
  'valence-studio models list --project <file> [--json]',
  '       valence-studio models activate <version> --project <file>',
  '       valence-studio models revert verbal|nonverbal|valence --project <file>',
  '       valence-studio models rename <version> <name> --project <file>',
  '       valence-studio models delete <version> --project <file>',
  '       valence-studio models compare <version-a> <version-b> --project <file> [--movie <id-or-path>] [--json]',
].join('\n');

/** Each action's positional arguments after its name. */
const ARITY: Record<string, number> = { list: 0, activate: 1, revert: 1, rename: 2, delete: 1, compare: 2 };

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { project: { type: 'string' }, movie: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  const [action, ...rest] = positionals;
  if (!values.project) throw badRequest(`--project is required\nusage: ${USAGE}`);
  if (!action || !(action in ARITY) || rest.length !== ARITY[action]) throw badRequest(`expected one of list, activate, revert, rename, delete, compare with its arguments\nusage: ${USAGE}`);
  const path = values.project;
  return withProjectApi(path, async (api) => {
    if (action === 'compare') {
      const movieId = values.movie === undefined ? undefined : findMovie(api.project.movies.list(), values.movie, path).id;
      const comparison = await api.call('models.compare', { a: rest[0], b: rest[1], ...(movieId === undefined ? {} : { movieId }) });
      console.log(values.json ? JSON.stringify(comparison) : formatComparison(comparison));
      return 0;
    }
    const registry = await (async () => {
      if (action === 'list') return api.call('models.registry', {});
      if (action === 'activate') return api.call('models.activate', { version: rest[0] });
      if (action === 'revert') {
        if (!(MODEL_ROLES as readonly string[]).includes(rest[0])) throw badRequest(`the role must be ${MODEL_ROLES.join(', ')}, got '${rest[0]}'`);
        return api.call('models.revert', { role: rest[0] as ModelRole });
      }
      if (action === 'rename') return api.call('models.rename', { version: rest[0], name: rest[1] });
      return api.call('models.delete', { version: rest[0] });
    })();
    console.log(values.json ? JSON.stringify(registry) : formatRegistry(registry));
    return 0;
  });
}

const figure = (m: RegistryModel) => (m.heldOut.value === null ? '–' : `${m.heldOut.metric} ${m.heldOut.value.toFixed(3)}`);

/** One line per model, grouped by role, the active one marked with `*`. */
function formatRegistry(models: RegistryModel[]): string {
  return MODEL_ROLES.flatMap((role) => {
    const ofRole = models.filter((m) => m.role === role);
    if (ofRole.length === 0) return [];
    const rows = ofRole.map((m) => {
      const name = m.name === m.version ? m.version : `${m.name} (${m.version})`;
      const origin = m.shipped ? 'shipped' : `${m.training.films ?? '?'} films`;
      return `${m.active ? '*' : ' '} ${name}  ${m.architecture}  ${figure(m)}  ${origin}${m.createdAt ? `  ${m.createdAt.slice(0, 10)}` : ''}`;
    });
    return [`${role}:`, ...rows];
  }).join('\n');
}
