/**
 * The API's handlers for comparing two model versions (#13 item 2). Both versions are looked up in
 * the registry (project models and shipped defaults) and must be two different versions of one role.
 * Comparisons run one at a time: they share the TF.js backend and may fill the same tagger cache.
 */
import type { z } from 'zod';
import type { RegistryModel } from '../contract/api.js';
import type { compareSchemas, ComparedVersion, CompareTracks, ModelComparison } from '../contract/compare.js';
import { VALENCE_RATE_HZ, type EventGroup } from '../contract/domain.js';
import { badRequest, notFound } from '../contract/errors.js';
import { compareDetectors, curatedFilms } from '../analysis/compare/compare-detectors.js';
import { compareValence, labelledFilms } from '../analysis/compare/compare-valence.js';
import { filmFeatures, headEvents } from '../analysis/compare/detector-events.js';
import { detectorOf, valenceOf } from '../analysis/compare/model-sources.js';
import { valenceCurve } from '../analysis/compare/valence-curve.js';
import { initBackend } from '../ml/backend.js';
import type { LoadedModel } from '../sed/model/model-io.js';
import type { Project } from '../store/project.js';
import { standaloneContext } from '../util/task-context.js';
import { typedToBase64 } from './codec.js';
import { modelRegistry } from './model-registry.js';

type Params<M extends keyof typeof compareSchemas> = z.infer<(typeof compareSchemas)[M]>;

const ROLE_WORDS = { verbal: 'a verbal detector', nonverbal: 'a non-verbal detector', valence: 'a valence model' } as const;

/** The two registry entries, refused unless they are two versions of one role. */
async function pair(p: Project, a: string, b: string, valenceDir?: string): Promise<[RegistryModel, RegistryModel]> {
  if (a === b) throw badRequest(`compare needs two different versions; both are ${a}`);
  const registry = await modelRegistry(p, valenceDir);
  const [ma, mb] = [a, b].map((version) => {
    const found = registry.find((m) => m.version === version);
    if (!found) throw notFound(`no model ${version} in this project or among the shipped defaults (models list shows them)`);
    return found;
  });
  if (ma.role !== mb.role) throw badRequest(`${a} is ${ROLE_WORDS[ma.role]} and ${b} ${ROLE_WORDS[mb.role]}; compare two versions of the same role`);
  return [ma, mb];
}

const side = (m: RegistryModel): ComparedVersion => ({
  version: m.version,
  name: m.name,
  shipped: m.shipped,
  active: m.active,
  recorded: { value: m.heldOut.value, note: m.heldOut.note },
});

/** Both detectors in memory for `use`, disposed after. */
async function withDetectors<T>(p: Project, versions: [string, string], use: (models: [LoadedModel, LoadedModel]) => Promise<T>): Promise<T> {
  const loaded: LoadedModel[] = [];
  try {
    for (const v of versions) loaded.push(await detectorOf(p, v));
    return await use([loaded[0], loaded[1]]);
  } finally {
    for (const m of loaded) m.model.dispose();
  }
}

export function compareHandlers(p: Project, { valenceDir }: { valenceDir?: string } = {}) {
  let last: Promise<unknown> = Promise.resolve();
  /** Runs after every comparison already asked for, whatever became of it, on a ready ML backend (a CLI run may not have started it). */
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const ready = async () => {
      await initBackend();
      return run();
    };
    const next = last.then(ready, ready);
    last = next.catch(() => {});
    return next;
  };

  async function compare({ a, b, movieId }: Params<'models.compare'>): Promise<ModelComparison> {
    const [ma, mb] = await pair(p, a, b, valenceDir);
    const sides = { a: side(ma), b: side(mb) };
    if (ma.role === 'valence') {
      const films = labelledFilms(p, movieId);
      return { ...sides, ...(await compareValence(p, [valenceOf(p, a, valenceDir), valenceOf(p, b, valenceDir)], films, standaloneContext())) };
    }
    const group: EventGroup = ma.role;
    const films = curatedFilms(p, group, movieId);
    return { ...sides, ...(await withDetectors(p, [a, b], (models) => compareDetectors(p, group, models, films))) };
  }

  async function compareEvents({ movieId, versions }: Params<'models.compareEvents'>): Promise<CompareTracks> {
    const [ma, mb] = await pair(p, versions[0], versions[1], valenceDir);
    const movie = p.movies.get(movieId);
    if (ma.role === 'valence') {
      const curve = async (m: RegistryModel) => ({
        version: m.version,
        name: m.name,
        rate: VALENCE_RATE_HZ,
        values: typedToBase64(await valenceCurve(p, valenceOf(p, m.version, valenceDir), movie.id, standaloneContext())),
      });
      return { role: 'valence', movieId: movie.id, tracks: [await curve(ma), await curve(mb)] };
    }
    if (!movie.audio) throw badRequest(`film ${movie.id} (${movie.title}) has no soundtrack for a detector to hear`);
    const { features } = await filmFeatures(p.descriptors, [movie]);
    const tracks = await withDetectors(p, versions, (models) =>
      Promise.all(models.map(async (m, i) => ({ version: versions[i], name: [ma, mb][i].name, events: await headEvents(m, features.get(movie.id)!, movie.duration) }))),
    );
    return { role: ma.role, movieId: movie.id, tracks: [tracks[0], tracks[1]] };
  }

  return {
    'models.compare': (params: Params<'models.compare'>) => inTurn(() => compare(params)),
    'models.compareEvents': (params: Params<'models.compareEvents'>) => inTurn(() => compareEvents(params)),
  };
}
