/**
 * `sed-eval` on lists with absurd times: a 200-million-second offset is scored exactly in small
 * memory (the timeline is never rolled out), and an offset past 10⁹ s or one that is not a number
 * is refused with one line naming the list and the event, not a RangeError from deep inside.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as sedEval } from '../../../src-main/cli/commands/sed-eval.js';
import { AppError } from '../../../src-main/contract/errors.js';
import { tempDir } from '../../helpers/media.js';

async function score(ref: string, est: string): Promise<{ segment: { overall: { nref: number; fMeasure: number }; classWise: Record<string, { recall: number }> } }> {
  const dir = tempDir('sed-eval-');
  writeFileSync(join(dir, 'ref.tsv'), ref);
  writeFileSync(join(dir, 'est.tsv'), est);
  const lines: string[] = [];
  const log = console.log;
  console.log = (s: string) => void lines.push(s);
  try {
    assert.equal(await sedEval(['--ref', join(dir, 'ref.tsv'), '--est', join(dir, 'est.tsv'), '--json']), 0);
  } finally {
    console.log = log;
  }
  return JSON.parse(lines.join('\n'));
}

test('an event ending at 2e8 s is scored exactly without a per-second allocation', async () => {
  const before = process.memoryUsage().rss;
  const m = await score('0\t1\tspeech\n1e8\t2e8\tspeech\n', '0\t1\tspeech\n1.5e8\t2e8\tspeech\n');
  assert.ok(process.memoryUsage().rss - before < 32 * 2 ** 20, `rss grew by ${((process.memoryUsage().rss - before) / 2 ** 20).toFixed(0)} MiB`);
  assert.equal(m.segment.overall.nref, 1e8 + 1);
  assert.equal(m.segment.classWise.speech.recall, (0.5e8 + 1) / (1e8 + 1));
});

test('an offset past 10⁹ s or not a number is one clear line naming the list', async () => {
  const dir = tempDir('sed-eval-');
  writeFileSync(join(dir, 'ref.tsv'), '0\t1\tspeech\n');
  const cases: Array<[string, RegExp]> = [
    ['0\t1\tspeech\n2\t1e308\tspeech\n', /est\.tsv: event 'speech' at 2–1e\+308 s is beyond 1e\+9 s \(about 31\.7 years\)/],
    ['clip.wav\t0\t1\tspeech\nclip.wav\t5\t2e9\tlaughter\n', /est\.tsv, file clip\.wav: event 'laughter' at 5–2000000000 s is beyond/],
  ];
  for (const [est, message] of cases) {
    writeFileSync(join(dir, 'est.tsv'), est);
    await assert.rejects(sedEval(['--ref', join(dir, 'ref.tsv'), '--est', join(dir, 'est.tsv')]), (err: Error) => {
      assert.ok(err instanceof AppError, `${err.name}: ${err.message}`);
      assert.match(err.message, message);
      assert.ok(!err.message.includes('\n'));
      return true;
    });
  }
});
