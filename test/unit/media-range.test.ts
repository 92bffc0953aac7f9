import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileResponse, rangeResponse, sendFileWithRanges } from '../../src-main/transports/media-range.js';

test('rangeResponse: an empty file has no satisfiable range and an empty whole', () => {
  assert.deepEqual(rangeResponse(0, 'bytes=0-'), { status: 416, headers: { 'Content-Range': 'bytes */0' }, window: null });
  assert.deepEqual(rangeResponse(0, 'bytes=-10'), { status: 416, headers: { 'Content-Range': 'bytes */0' }, window: null });
  assert.deepEqual(rangeResponse(0, null), { status: 200, headers: { 'Accept-Ranges': 'bytes', 'Content-Length': '0' }, window: null });
});

test('rangeResponse: normal, suffix and open-ended ranges are clamped to the file', () => {
  const partial = (start: number, end: number) => ({
    status: 206,
    headers: { 'Accept-Ranges': 'bytes', 'Content-Length': String(end - start + 1), 'Content-Range': `bytes ${start}-${end}/100` },
    window: { start, end },
  });
  assert.deepEqual(rangeResponse(100, 'bytes=10-19'), partial(10, 19));
  assert.deepEqual(rangeResponse(100, 'bytes=50-1000'), partial(50, 99));
  assert.deepEqual(rangeResponse(100, 'bytes=-10'), partial(90, 99));
  assert.deepEqual(rangeResponse(100, 'bytes=-500'), partial(0, 99));
  assert.deepEqual(rangeResponse(100, 'bytes=95-'), partial(95, 99));
  assert.deepEqual(rangeResponse(1, 'bytes=0-0'), { ...partial(0, 0), headers: { ...partial(0, 0).headers, 'Content-Range': 'bytes 0-0/1' } });
});

test('rangeResponse: ranges past the end are unsatisfiable', () => {
  for (const header of ['bytes=100-', 'bytes=100-200', 'bytes=-0', 'bytes=5-2']) {
    assert.deepEqual(rangeResponse(100, header), { status: 416, headers: { 'Content-Range': 'bytes */100' }, window: null }, header);
  }
});

test('rangeResponse: a malformed or unsupported Range header is ignored: the whole file', () => {
  for (const header of ['bytes=abc', 'bytes=-', 'items=0-1', 'bytes=0-1,5-6', 'bytes= 0-1', '', undefined, null]) {
    assert.deepEqual(rangeResponse(100, header), { status: 200, headers: { 'Accept-Ranges': 'bytes', 'Content-Length': '100' }, window: { start: 0, end: 99 } }, String(header));
  }
});

const dir = mkdtempSync(join(tmpdir(), 'vs-media-range-'));
const empty = join(dir, 'empty.mp4');
const digits = join(dir, 'digits.mp4');
writeFileSync(empty, '');
writeFileSync(digits, '0123456789');
after(() => rmSync(dir, { recursive: true, force: true }));

test('fileResponse (vs-media:): an empty file gives 416 to a Range and an empty 200 without', async () => {
  const ranged = fileResponse(empty, 'bytes=0-');
  assert.equal(ranged.status, 416);
  assert.equal(ranged.headers.get('content-range'), 'bytes */0');
  const whole = fileResponse(empty, null);
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('content-length'), '0');
  assert.equal(await whole.text(), '');
});

test('fileResponse: the asked bytes, the file type and the caller\'s headers', async () => {
  const r = fileResponse(digits, 'bytes=2-5', { 'X-Extra': 'yes' });
  assert.equal(r.status, 206);
  assert.equal(await r.text(), '2345');
  assert.equal(r.headers.get('content-range'), 'bytes 2-5/10');
  assert.equal(r.headers.get('content-type'), 'video/mp4');
  assert.equal(r.headers.get('x-extra'), 'yes');
  assert.equal(await fileResponse(digits, null).text(), '0123456789');
});

test('sendFileWithRanges (browser mode): the same answers over HTTP, HEAD without a body', async () => {
  const server = createServer((req, res) => sendFileWithRanges(req, res, req.url === '/empty' ? empty : digits, { 'Cache-Control': 'no-store' }));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const ranged = await fetch(`${base}/empty`, { headers: { Range: 'bytes=0-' } });
    assert.equal(ranged.status, 416);
    assert.equal(ranged.headers.get('content-range'), 'bytes */0');
    const whole = await fetch(`${base}/empty`);
    assert.equal(whole.status, 200);
    assert.equal(await whole.text(), '');
    const part = await fetch(`${base}/digits`, { headers: { Range: 'bytes=-3' } });
    assert.equal(part.status, 206);
    assert.equal(await part.text(), '789');
    assert.equal(part.headers.get('cache-control'), 'no-store');
    const head = await fetch(`${base}/digits`, { method: 'HEAD' });
    assert.equal(head.headers.get('content-length'), '10');
    assert.equal(await head.text(), '');
  } finally {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});
