import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openSession } from '../../src-main/app/session.js';
import { makeClip, tempDir } from '../helpers/media.js';

test('spectrogram: stored at import, served by level and window, recomputed on demand for a film without one', async () => {
  const dir = tempDir();
  const s = openSession(join(dir, 's.vsproj'));
  const job = await s.api.call('movies.import', { path: makeClip(dir, { seconds: 4 }) });
  await s.api.jobs.whenIdle();
  const movieId = (s.project.jobs.get(job.id).result as { movieId: number }).movieId;

  const finest = (await s.api.call('spectrogram.get', { movieId, columnsPerSecond: 1000 }))!;
  assert.deepEqual([finest.columnsPerSecond, finest.bands, finest.from], [50, 64, 0]);
  // 4 s at 50 columns a second, give or take the AAC encoder's padding.
  const columns = finest.count;
  assert.ok(columns >= 200 && columns <= 202, `${columns} columns`);
  const bytes = Buffer.from(finest.data, 'base64');
  assert.equal(bytes.length, columns * 64);
  assert.ok(bytes.some((v) => v > 0), 'the clip\'s tone shows');

  const coarse = (await s.api.call('spectrogram.get', { movieId, columnsPerSecond: 20 }))!;
  assert.deepEqual([coarse.columnsPerSecond, coarse.count], [12.5, Math.ceil(columns / 4)]);
  const coarsest = (await s.api.call('spectrogram.get', { movieId }))!;
  assert.equal(coarsest.columnsPerSecond, 12.5, '4 s stops at the first level under 64 columns');

  const window = (await s.api.call('spectrogram.get', { movieId, columnsPerSecond: 50, from: 1, to: 2.5 }))!;
  assert.deepEqual([window.from, window.count], [1, 75]);
  assert.equal(window.data, bytes.subarray(50 * 64, 125 * 64).toString('base64'));

  // A film imported before spectrograms were stored.
  s.project.db.prepare('DELETE FROM spectrograms').run();
  assert.equal(await s.api.call('spectrogram.get', { movieId }), null);
  const compute = await s.api.call('spectrogram.compute', { movieId });
  assert.equal(compute.kind, 'spectrogram');
  await s.api.jobs.whenIdle();
  assert.deepEqual(s.project.jobs.get(compute.id).result, { columns, levels: 2 });
  const again = (await s.api.call('spectrogram.get', { movieId, columnsPerSecond: 50 }))!;
  assert.equal(again.data, finest.data, 'the same bytes as at import');

  await assert.rejects(s.api.call('spectrogram.get', { movieId: 999 }), /999/);
  s.close();
});
