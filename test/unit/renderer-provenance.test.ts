/**
 * Event provenance on the timeline (#13 item 4), the pure parts: a style per source with detected
 * events shaded by confidence, the hover card's words, the source filter, and overlapping events
 * packed into rows of a growing lane that hit testing honours.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_CLASSES, EVENT_SOURCES, type EventClass, type EventSource, type SoundEvent } from '../../src-main/contract/domain.js';
import { hitEvent, hitInLane } from '../../src-renderer/src/lib/hit-test.js';
import { LANE_HEIGHT, layoutLanes, rowAt, rowBox, withRows } from '../../src-renderer/src/lib/lanes.js';
import { packLanes, packRows } from '../../src-renderer/src/lib/packing.js';
import {
  confidenceAlpha,
  countBySource,
  describeEvent,
  eventStyle,
  MAX_CONFIDENCE_ALPHA,
  MIN_CONFIDENCE_ALPHA,
  passesFilter,
  SOURCE_FILTERS,
} from '../../src-renderer/src/lib/provenance.js';

const ev = (id: number, onset: number, offset: number, more: Partial<SoundEvent> = {}): SoundEvent => ({
  id, movieId: 1, label: 'crowd', onset, offset, source: 'human', confidence: null, modelVersion: null, ...more,
});
const view = { start: 0, pxPerSec: 100, width: 1000 };
const rowsOf = (events: SoundEvent[], maxRows?: number) => {
  const p = packRows(events, maxRows);
  return { rows: p.rows, of: events.map((e) => p.rowOf.get(e.id)) };
};

test('each source has its own look: solid hand-made, hatched imported, outlined detected', () => {
  const human = eventStyle('human', null);
  const imported = eventStyle('import', null);
  const detected = eventStyle('model', 0.9);
  assert.deepEqual(human, { fillAlpha: 0.85, outline: false, hatch: false });
  assert.deepEqual({ outline: imported.outline, hatch: imported.hatch }, { outline: false, hatch: true });
  assert.deepEqual({ outline: detected.outline, hatch: detected.hatch }, { outline: true, hatch: false });
  const looks = new Set(EVENT_SOURCES.map((s) => JSON.stringify(eventStyle(s, 0.5))));
  assert.equal(looks.size, EVENT_SOURCES.length, 'no two sources look alike');
});

test('a detection fills from faint to strong with its confidence, clamped, unknown halfway', () => {
  assert.equal(confidenceAlpha(0), MIN_CONFIDENCE_ALPHA);
  assert.equal(confidenceAlpha(1), MAX_CONFIDENCE_ALPHA);
  assert.ok(Math.abs(confidenceAlpha(0.5) - (MIN_CONFIDENCE_ALPHA + MAX_CONFIDENCE_ALPHA) / 2) < 1e-12);
  assert.equal(confidenceAlpha(null), confidenceAlpha(0.5));
  assert.equal(confidenceAlpha(-3), MIN_CONFIDENCE_ALPHA);
  assert.equal(confidenceAlpha(7), MAX_CONFIDENCE_ALPHA);
  assert.equal(confidenceAlpha(Number.NaN), confidenceAlpha(0.5));
  assert.ok(eventStyle('model', 0.2).fillAlpha < eventStyle('model', 0.8).fillAlpha);
  // Confidence shades detections only: a hand-made or imported event looks the same whatever it carries.
  assert.deepEqual(eventStyle('human', 0.1), eventStyle('human', 0.9));
  assert.deepEqual(eventStyle('import', 0.1), eventStyle('import', 0.9));
});

test('the hover card names the source, the model version, the confidence to 2 decimals and the span', () => {
  const detected = describeEvent(ev(1, 61.234, 63.5, { label: 'speech_male', source: 'model', confidence: 0.8349, modelVersion: 'sed-verbal-7f3a' }));
  assert.equal(detected.title, 'speech male');
  assert.deepEqual(Object.fromEntries(detected.lines), {
    Source: 'Detected',
    Model: 'sed-verbal-7f3a',
    Confidence: '0.83',
    Time: '1:01.23–1:03.50',
  });
  const imported = Object.fromEntries(describeEvent(ev(2, 1, 2, { source: 'import' })).lines);
  assert.deepEqual([imported.Source, imported.Model, imported.Confidence], ['Imported', '—', '—']);
  assert.equal(Object.fromEntries(describeEvent(ev(3, 1, 2)).lines).Source, 'Hand-made');
  // The API makes an edited detection the researcher's but keeps its detector's version and confidence.
  const edited = Object.fromEntries(describeEvent(ev(4, 1, 2, { source: 'human', confidence: 0.4, modelVersion: 'v2' })).lines);
  assert.deepEqual([edited.Source, edited.Model, edited.Confidence], ['Hand-made (edited detection)', 'v2', '0.40']);
});

test('the filter has a button per source plus All, and lets through one source at a time', () => {
  assert.deepEqual([...SOURCE_FILTERS].sort(), ['all', ...EVENT_SOURCES].sort());
  const events = (['model', 'model', 'import', 'human'] as EventSource[]).map((source, i) => ev(i, i, i + 1, { source }));
  assert.deepEqual(countBySource(events), { all: 4, model: 2, import: 1, human: 1 });
  assert.deepEqual(events.filter((e) => passesFilter('model', e)).map((e) => e.id), [0, 1]);
  assert.deepEqual(events.filter((e) => passesFilter('import', e)).map((e) => e.id), [2]);
  assert.equal(events.filter((e) => passesFilter('all', e)).length, 4);
});

test('packing: apart or touching events share a row, overlapping ones get the first free row', () => {
  assert.deepEqual(rowsOf([]), { rows: 1, of: [] });
  assert.deepEqual(rowsOf([ev(1, 0, 1), ev(2, 1, 2), ev(3, 5, 6)]), { rows: 1, of: [0, 0, 0] });
  assert.deepEqual(rowsOf([ev(1, 0, 2), ev(2, 1, 3)]), { rows: 2, of: [0, 1] });
  // The third starts after the first ends: back in row 0, so two rows suffice.
  assert.deepEqual(rowsOf([ev(1, 0, 2), ev(2, 1, 3), ev(3, 2.5, 4)]), { rows: 2, of: [0, 1, 0] });
  // A long event holds its row across later ones.
  assert.deepEqual(rowsOf([ev(1, 0, 10), ev(2, 1, 2), ev(3, 3, 4), ev(4, 3.5, 5)]), { rows: 3, of: [0, 1, 1, 2] });
  // Greedy by onset whatever the input order.
  assert.deepEqual(rowsOf([ev(2, 1, 3), ev(1, 0, 2)]).of, [1, 0]);
});

test('packing past the row limit shares the row that frees first', () => {
  const stack = [ev(1, 0, 9), ev(2, 0, 3), ev(3, 0, 8), ev(4, 1, 2)];
  assert.deepEqual(rowsOf(stack, 3), { rows: 3, of: [0, 1, 2, 1] });
});

test('lanes are packed apart and rows are looked up by id', () => {
  const byLabel = Object.fromEntries(EVENT_CLASSES.map((c) => [c, [] as SoundEvent[]])) as Record<EventClass, SoundEvent[]>;
  byLabel.crowd = [ev(1, 0, 2), ev(2, 1, 3)];
  byLabel.laughter = [ev(3, 0, 2, { label: 'laughter' })];
  const p = packLanes(byLabel);
  assert.equal(p.rows.crowd, 2);
  assert.equal(p.rows.laughter, 1);
  assert.equal(p.rows.speech_male, 1);
  assert.deepEqual([p.rowOf.get(1), p.rowOf.get(2), p.rowOf.get(3)], [0, 1, 0]);
});

test('a lane with rows grows and pushes the later lanes and group header down', () => {
  const base = layoutLanes();
  assert.deepEqual(withRows(base, {}), base, 'one row everywhere: the layout as before');
  const grown = withRows(base, { crowd: 2 });
  const crowd = grown.lanes[2];
  const grow = crowd.height - LANE_HEIGHT;
  assert.ok(grow > 0, 'two rows need more than one lane height');
  assert.equal(crowd.rows, 2);
  assert.deepEqual(grown.lanes.slice(0, 3).map((l) => l.y), base.lanes.slice(0, 3).map((l) => l.y), 'lanes above stay');
  assert.deepEqual(grown.lanes.slice(3).map((l) => l.y), base.lanes.slice(3).map((l) => l.y + grow), 'lanes below move down');
  assert.deepEqual(grown.headers.map((h) => h.y), [base.headers[0].y, base.headers[1].y + grow]);
  assert.equal(grown.height, base.height + grow);
});

test('rows split a lane without overlapping, and the row under a y is the row drawn there', () => {
  const base = layoutLanes();
  // One row: the geometry the lanes always had (3 px in, 16 px tall).
  assert.deepEqual(rowBox(base.lanes[0], 0), { y: base.lanes[0].y + 3, height: LANE_HEIGHT - 6 });
  for (const rows of [2, 3, 4]) {
    const lane = withRows(base, { crowd: rows }).lanes[2];
    const boxes = Array.from({ length: rows }, (_, r) => rowBox(lane, r));
    boxes.forEach((b, r) => {
      assert.ok(b.height >= 10, `${rows} rows: row ${r} is ${b.height} px tall`);
      if (r > 0) assert.ok(b.y >= boxes[r - 1].y + boxes[r - 1].height, 'rows do not overlap');
      assert.equal(rowAt(lane, b.y + 1), r);
      assert.equal(rowAt(lane, b.y + b.height - 1), r);
    });
    assert.ok(boxes[rows - 1].y + boxes[rows - 1].height <= lane.y + lane.height, 'the last row stays in its lane');
    assert.equal(rowAt(lane, lane.y), 0);
    assert.equal(rowAt(lane, lane.y + lane.height - 0.1), rows - 1);
  }
});

test('two overlapping events in one lane can each be hit in their own row', () => {
  const a = ev(1, 1, 4, { source: 'model', confidence: 0.5, modelVersion: 'v1' });
  const b = ev(2, 2, 5);
  const { rowOf, rows } = packRows([a, b]);
  const lane = withRows(layoutLanes(), { crowd: rows }).lanes[2];
  const x = 300; // 3 s: inside both
  // Without rows the later one always wins, and the detection under it cannot be reached.
  assert.equal(hitEvent([a, b], view, x, new Set())?.event.id, 2);
  const top = rowBox(lane, 0);
  const bottom = rowBox(lane, 1);
  assert.equal(hitInLane([a, b], rowOf, lane, view, x, top.y + top.height / 2, new Set())?.event.id, 1);
  assert.equal(hitInLane([a, b], rowOf, lane, view, x, bottom.y + bottom.height / 2, new Set())?.event.id, 2);
  // A selected event in the other row does not steal the hit.
  assert.equal(hitInLane([a, b], rowOf, lane, view, x, top.y + 2, new Set([2]))?.event.id, 1);
});
