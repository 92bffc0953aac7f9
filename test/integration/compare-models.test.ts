/**
 * Comparing two model versions through the API (#13 item 2). Detectors: two verbal heads whose output
 * is known (one hears speech_male everywhere, the other speech_female) on a real clip with curated
 * events; their figures against the curated windows, the tagger features computed once and then read
 * from the cache, the events of each on the film, and nothing written to the events table. Valence:
 * two trained models on every labelled film, scored as the regression guard scores, and their curves.
 * Refusals: the same version twice, an unknown one, two roles, no material. And the events a
 * comparison shows are those Analyze's detection makes on real laughter and crying.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ApiService } from '../../src-main/api/service.js';
import { ffmpegBinaries } from '../../src-main/media/ffmpeg-binaries.js';
import { detectFile } from '../../src-main/sed/detector.js';
import type { DetectorComparison, ValenceComparison } from '../../src-main/contract/compare.js';
import type { Job, JobResult } from '../../src-main/contract/jobs.js';
import { Project } from '../../src-main/store/project.js';
import { makeClip, SHARED_DIR, tempDir } from '../helpers/media.js';
import { storeConstantHead } from '../helpers/compare-project.js';
import { syntheticProject } from '../helpers/valence/synthetic-store.js';

const HUMAN = join(SHARED_DIR, 'data', 'human-sounds');

/** Three laughs and three cries from ../shared, a second of silence after each, as one 16 kHz WAV. */
function humanClip(dir: string): string {
  const files = ['laughter', 'crying'].flatMap((c) => readdirSync(join(HUMAN, c)).sort().slice(0, 3).map((f) => join(HUMAN, c, f)));
  const chain = files.map((_, i) => `[${i}:a]aresample=16000,aformat=channel_layouts=mono,apad=pad_len=16000[a${i}]`).join(';');
  const out = join(dir, 'human.wav');
  const concat = `${chain};${files.map((_, i) => `[a${i}]`).join('')}concat=n=${files.length}:v=0:a=1`;
  execFileSync(ffmpegBinaries().ffmpeg, ['-nostdin', '-v', 'error', '-y', ...files.flatMap((f) => ['-i', f]), '-filter_complex', concat, out]);
  return out;
}

async function finished(api: ApiService, job: Job): Promise<Job> {
  await api.jobs.whenIdle();
  return api.project.jobs.get(job.id);
}

const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-6, `${what}: ${actual}, expected ${expected}`);

test('detectors: both scored on the curated windows, features cached after the first comparison, events of each on the film', async () => {
  const dir = tempDir('vs-compare-sed-');
  const api = new ApiService(Project.open(join(dir, 'c.vsproj')));
  const p = api.project;
  try {
    const imported = await finished(api, await api.call('movies.import', { path: makeClip(dir, { seconds: 20 }) }));
    assert.equal(imported.state, 'done', imported.message);
    const [movie] = p.movies.list();
    const male = await storeConstantHead(p, 'verbal', 'speech_male', 0.61);
    const female = await storeConstantHead(p, 'verbal', 'speech_female', 0.42);
    const registry = await api.call('models.registry', {});
    const shippedNonverbal = registry.find((m) => m.role === 'nonverbal' && m.shipped)!.version;

    await assert.rejects(api.call('models.compare', { a: male, b: female }), /no film has human-made or imported verbal events and a soundtrack to compare on/);
    await assert.rejects(api.call('models.compare', { a: male, b: male }), /two different versions/);
    await assert.rejects(api.call('models.compare', { a: male, b: 'sed-verbal-nope' }), /no model sed-verbal-nope/);
    await assert.rejects(api.call('models.compare', { a: male, b: shippedNonverbal }), /is a verbal detector and .* a non-verbal detector; compare two versions of the same role/);

    for (const [label, onset, offset] of [['speech_male', 2, 5], ['speech_male', 12, 14]] as const) await api.call('events.create', { movieId: movie.id, label, onset, offset });
    await api.call('events.import', { movieId: movie.id, format: 'tsv', files: [{ name: 'f.tsv', text: 'onset\toffset\tevent_label\n8\t9\tspeech_female\n' }] });
    const eventsBefore = p.events.list(movie.id).length;

    const first = (await api.call('models.compare', { a: male, b: female })) as DetectorComparison;
    assert.equal(first.role, 'verbal');
    assert.deepEqual([first.a.version, first.b.version, first.a.recorded.value, first.b.recorded.value], [male, female, 0.61, 0.42]);
    assert.deepEqual([first.material.films, first.material.windows, first.material.events], [1, 2, 3]);
    // A: speech_male on all 20 segments, 5 curated → F1 0.4; the other three classes 0. B: speech_female, 1 of 20 → F1 2/21.
    close(first.overall.a, 0.4 / 4, 'A macro');
    close(first.overall.b, 2 / 21 / 4, 'B macro');
    const male1 = first.classes.find((c) => c.label === 'speech_male')!;
    assert.deepEqual([male1.reference, male1.b], [5, 0]);
    close(male1.a, 0.4, 'A speech_male');
    assert.deepEqual(first.films.map((f) => [f.movieId, f.windows, f.events]), [[movie.id, 2, 3]]);
    assert.deepEqual(first.computed.map((f) => f.movieId), [movie.id], 'the tagger ran once for the film');
    assert.ok(p.descriptors.list(movie.id).some((d) => d.kind.startsWith('tagger.') && d.complete), 'and its features are cached');

    const again = (await api.call('models.compare', { a: female, b: male, movieId: movie.id })) as DetectorComparison;
    assert.deepEqual(again.computed, [], 'read from the cache');
    close(again.overall.b, first.overall.a, 'the same figure from the cache, sides swapped');

    const lane = await api.call('models.compareEvents', { movieId: movie.id, versions: [male, female] });
    assert.equal(lane.role, 'verbal');
    const [a, b] = lane.tracks.map((t) => ('events' in t ? t.events : []));
    assert.deepEqual(a.map((e) => e.label), ['speech_male']);
    assert.deepEqual(b.map((e) => e.label), ['speech_female']);
    assert.ok(a[0].onset < 0.5 && a[0].offset > movie.duration - 0.5, `A's event spans the film: ${a[0].onset}–${a[0].offset}`);
    assert.ok(a[0].confidence > 0.99);
    assert.equal(p.events.list(movie.id).length, eventsBefore, 'nothing stored');
  } finally {
    api.dispose();
    api.project.close();
  }
});

test('valence: Acc and Acc±1 of both on every labelled film, as the guard scores; curves computed, not stored; refusals', async () => {
  const api = new ApiService(syntheticProject(tempDir('vs-compare-valence-'), { movies: 3, seconds: 20 }));
  const p = api.project;
  const train = async (params: Record<string, unknown>) => {
    const job = await finished(api, await api.call('valence.train', params as never));
    assert.equal(job.state, 'done', job.message);
    return job.result as JobResult<'train-valence'>;
  };
  try {
    const good = await train({ architecture: 'dnn', events: 'nonverbal', semantics: 'events', maxEpochs: 30, patience: 30 });
    const worse = await train({ architecture: 'dnn', events: 'nonverbal', semantics: 'events', maxEpochs: 1, batchSize: 65536, seed: 7 });
    const result = (await api.call('models.compare', { a: good.version, b: worse.version })) as ValenceComparison;
    assert.equal(result.role, 'valence');
    assert.equal(result.labels, 'mean of all raters');
    assert.deepEqual(result.films.map((f) => f.title), ['movie-0', 'movie-1', 'movie-2']);
    assert.deepEqual(result.skipped, []);
    assert.equal(result.overall.frames, 3 * 20 * 25);
    const validation = result.films.find((f) => f.movieId === good.metrics!.validation.movie)!;
    close(validation.a.acc, good.metrics!.validation.acc, 'the guard’s figure on the validation film');
    close(validation.a.acc1, good.metrics!.validation.acc1, 'Acc±1 on the same frames');
    assert.ok(result.overall.a.acc > result.overall.b.acc, `${result.overall.a.acc} vs ${result.overall.b.acc}`);
    assert.ok(result.overall.a.acc1 >= result.overall.a.acc);
    assert.equal(result.a.recorded.value, good.metrics!.validation.acc);

    const one = (await api.call('models.compare', { a: good.version, b: worse.version, movieId: validation.movieId })) as ValenceComparison;
    assert.deepEqual(one.films.map((f) => f.movieId), [validation.movieId]);

    const shipped = (await api.call('models.registry', {})).find((m) => m.role === 'valence' && m.shipped)!.version;
    await assert.rejects(api.call('models.compare', { a: good.version, b: shipped }), /no labelled film could be scored with both models: movie-0: .*descriptors/);
    const verbal = (await api.call('models.registry', {})).find((m) => m.role === 'verbal')!.version;
    await assert.rejects(api.call('models.compare', { a: good.version, b: verbal }), /is a valence model and .* a verbal detector; compare two versions of the same role/);

    const seriesBefore = p.valence.list(validation.movieId).length;
    const lane = await api.call('models.compareEvents', { movieId: validation.movieId, versions: [good.version, worse.version] });
    assert.equal(lane.role, 'valence');
    for (const t of lane.tracks) {
      assert.ok('values' in t);
      const values = new Float32Array(Uint8Array.from(Buffer.from(t.values, 'base64')).buffer);
      assert.equal(values.length, 500);
      assert.ok(values.every((v) => v >= -1 && v <= 1));
    }
    assert.notEqual(lane.tracks[0].values, lane.tracks[1].values, 'two different curves');
    assert.equal(p.valence.list(validation.movieId).length, seriesBefore, 'nothing stored');
    await assert.rejects(api.call('models.compareEvents', { movieId: validation.movieId, versions: [good.version, shipped] }), /descriptors/);
  } finally {
    api.dispose();
    api.project.close();
  }
});

test('the events a comparison shows are the events Analyze makes with that detector', { skip: !existsSync(HUMAN) && 'needs ../shared/data/human-sounds' }, async () => {
  const dir = tempDir('vs-compare-analyze-');
  const api = new ApiService(Project.open(join(dir, 'h.vsproj')));
  try {
    const wav = humanClip(dir);
    const imported = await finished(api, await api.call('movies.import', { path: wav }));
    assert.equal(imported.state, 'done', imported.message);
    const [movie] = api.project.movies.list();
    const shipped = (await api.call('models.registry', {})).find((m) => m.role === 'nonverbal' && m.shipped)!.version;
    const laughs = await storeConstantHead(api.project, 'nonverbal', 'laughter', 0.5);
    const lane = await api.call('models.compareEvents', { movieId: movie.id, versions: [shipped, laughs] });
    const shown = 'events' in lane.tracks[0] ? lane.tracks[0].events : [];
    const analysed = (await detectFile(wav)).events.filter((e) => e.group === 'nonverbal');
    assert.ok(analysed.length >= 2, `the shipped detector hears the clip (${analysed.length} events)`);
    // Within two 25 Hz frames: the cached features are float16.
    assert.deepEqual(shown.map((e) => e.label), analysed.map((e) => e.label));
    shown.forEach((e, i) => {
      assert.ok(Math.abs(e.onset - analysed[i].onset) <= 0.08 && Math.abs(e.offset - analysed[i].offset) <= 0.08, `${e.label} ${e.onset}–${e.offset} vs ${analysed[i].onset}–${analysed[i].offset}`);
    });
  } finally {
    api.dispose();
    api.project.close();
  }
});
