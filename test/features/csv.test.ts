/** openSMILE's CSV number formats (C printf %e and %f). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatExp, formatTime, functionalsLine, lldHeader } from '../../src-main/features/emobase2010/csv.js';

test('%e with two-digit exponents, exact zero as 0', () => {
  assert.equal(formatExp(0.003841363), '3.841363e-03');
  assert.equal(formatExp(-30.64385), '-3.064385e+01');
  assert.equal(formatExp(1), '1.000000e+00');
  assert.equal(formatExp(1e-100), '1.000000e-100');
  assert.equal(formatExp(0), '0');
  assert.equal(formatTime(4.5200000000000005), '4.520000');
});

test('rows quote the instance name and join with semicolons', () => {
  assert.equal(functionalsLine("it's", 0.04, [0, 0.5]), "'its';0.040000;0;5.000000e-01\n");
  assert.ok(lldHeader().startsWith('name;frameIndex;frameTime;pcm_loudness_sma;'));
});
