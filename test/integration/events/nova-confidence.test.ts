/** NOVA's confidence column through the API: kept on import, written on export, a person's edit is sure. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiService } from '../../../src-main/api/service.js';
import { tempDir } from '../../helpers/media.js';
import { syntheticProject } from '../../helpers/valence/synthetic-store.js';

const HEADER = `<?xml version="1.0" ?>
<annotation ssi-v="3">
    <info ftype="ASCII" size="2" />
    <scheme name="events" type="DISCRETE" color="#FFFFFFFF">
        <item name="laughter" id="0" color="#FF1F77B4" />
        <item name="crying" id="1" color="#FFD62728" />
    </scheme>
</annotation>
`;

test('an imported confidence is stored and exported; once a person edits the event it exports as sure', async () => {
  const project = syntheticProject(tempDir('vs-nova-conf-'), { movies: 1, seconds: 12 });
  const api = new ApiService(project);
  try {
    const movieId = project.movies.list()[0].id;
    const files = [
      { name: 'a.annotation', text: HEADER },
      { name: 'a.annotation~', text: '1;2;0;0.8\n5;6;1;0.35\n' },
    ];
    const imported = await api.call('events.import', { movieId, format: 'nova', files, replace: true });
    const mine = imported.events.filter((e) => e.source === 'import').sort((a, b) => a.onset - b.onset);
    assert.deepEqual(mine.map((e) => [e.label, e.confidence]), [['laughter', 0.8], ['crying', 0.35]]);
    await api.call('events.update', { patches: [{ id: mine[0].id, offset: 2.5 }] });
    const [, data] = (await api.call('events.export', { movieId, format: 'nova' })).files;
    assert.match(data.text, /^1;2\.5;7;1$/m, 'the edited laugh is a person’s: sure');
    assert.match(data.text, /^5;6;5;0\.35$/m, 'the untouched cry keeps the file’s confidence');
  } finally {
    api.dispose();
    project.close();
  }
});
