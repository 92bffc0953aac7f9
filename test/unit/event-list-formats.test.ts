import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseLabel, parseEventFiles, writeEventFiles } from '../../src-main/events/formats/index.js';

const parse = (text: string, format: 'tsv' | 'audacity') =>
  parseEventFiles(format, [{ name: 'list', text }]).events.map(({ onset, offset, label }) => ({ onset, offset, label }));
const write = (items: Parameters<typeof writeEventFiles>[1], format: 'tsv' | 'audacity') => writeEventFiles(format, items, 'list', { duration: 10 })[0].text;

test('DCASE tsv round-trips, header and blank lines tolerated', () => {
  const text = 'onset\toffset\tevent_label\n1.5\t2.25\tspeech_male\n\n0.1 0.9 laughter\n';
  const items = parse(text, 'tsv');
  assert.deepEqual(items, [
    { onset: 1.5, offset: 2.25, label: 'speech_male' },
    { onset: 0.1, offset: 0.9, label: 'laughter' },
  ]);
  assert.equal(write(items, 'tsv'), 'onset\toffset\tevent_label\n0.100\t0.900\tlaughter\n1.500\t2.250\tspeech_male\n');
});

test('Audacity label tracks skip spectral-selection lines and accept spaced labels', () => {
  const text = '3.000000\t4.500000\tSpeech Female\n\\\t100.0\t2000.0\n';
  assert.deepEqual(parse(text, 'audacity'), [{ onset: 3, offset: 4.5, label: 'speech_female' }]);
  assert.equal(normaliseLabel('non-verbal'), null);
  assert.equal(normaliseLabel('CROWD'), 'crowd');
});

test('bad lines are reported with their line number', () => {
  assert.throws(() => parse('1\t2\tspeech_male\n2\t1\tcrying\n', 'tsv'), /line 2: offset 1 is not after onset 2/);
  assert.throws(() => parse('1\t2\tbarking\n', 'tsv'), /line 1: unknown label 'barking'/);
  assert.throws(() => parse('0\t1\tcrying\nx\ty\tcrying\n', 'tsv'), /line 2: onset and offset must be numbers/);
  assert.throws(() => parse('1\t2\n', 'audacity'), /line 1: expected/);
});
