import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseThreads } from '../../src-main/util/threads.js';

test('a job\'s own request wins over the setting, as given', () => {
  assert.equal(chooseThreads({ requested: 1, setting: 4, cores: 8 }), 1);
  assert.equal(chooseThreads({ requested: 6, setting: null, cores: 2, automaticMax: 2 }), 6);
});

test('the setting is held to this machine\'s cores', () => {
  assert.equal(chooseThreads({ setting: 3, cores: 8 }), 3);
  assert.equal(chooseThreads({ setting: 16, cores: 2 }), 2, 'a project made on a 16-core machine opened on a 2-core one');
  assert.equal(chooseThreads({ setting: 4, cores: 8, automaticMax: 2 }), 4, 'the automatic cap does not limit a chosen number');
});

test('automatic: one per core, under the job\'s cap', () => {
  assert.equal(chooseThreads({ setting: null, cores: 16 }), 16);
  assert.equal(chooseThreads({ setting: null, cores: 16, automaticMax: 2 }), 2);
  assert.equal(chooseThreads({ setting: null, cores: 1, automaticMax: 2 }), 1);
});
