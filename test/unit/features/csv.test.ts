/** openSMILE's CSV number formats (C printf %e and %f). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvBytes, formatTime, lldHeader } from '../../../src-main/features/emobase2010/csv.js';

test('%e with two-digit exponents, exact zero as 0, %f times', () => {
  const csv = new CsvBytes();
  csv.functionalsRow('n', 0, [0.003841363, -30.64385, 1, 1e-100, 0]);
  assert.equal(new TextDecoder().decode(csv.take()), "'n';0.000000;3.841363e-03;-3.064385e+01;1.000000e+00;1.000000e-100;0\n");
  assert.equal(formatTime(4.5200000000000005), '4.520000');
});

test('rows quote the instance name and join with semicolons', () => {
  const csv = new CsvBytes();
  csv.functionalsRow("it's", 0.04, [0, 0.5]);
  csv.lldRow('x', 3, 0.03, [-2.5e-7]);
  assert.equal(new TextDecoder().decode(csv.take()), "'its';0.040000;0;5.000000e-01\n'x';3;0.030000;-2.500000e-07\n");
  assert.ok(lldHeader().startsWith('name;frameIndex;frameTime;pcm_loudness_sma;'));
});

test('byte-encoded values equal JavaScript\'s own %e rounding for float32 values', () => {
  const f = new Float32Array(1);
  const bits = new Uint32Array(f.buffer);
  const values: number[] = [1e-45, 3.4e38, 0.001, 1000, 9.999999];
  let seed = 3;
  while (values.length < 20000) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    bits[0] = seed;
    if (Number.isFinite(f[0]) && f[0] !== 0) values.push(f[0]);
  }
  const csv = new CsvBytes();
  csv.functionalsRow('v', 0, values);
  const got = new TextDecoder().decode(csv.take()).trim().split(';').slice(2);
  values.forEach((v, i) => assert.equal(got[i], v.toExponential(6).replace(/e([+-])(\d)$/, 'e$10$2'), `${v}`));
});
