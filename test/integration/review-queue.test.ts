/**
 * The review queue through the API (#13 item 5): segments worst first across films, verdicts as one
 * undoable step each (accept makes a human event, reject cuts the detected one, relabel both), verdicts
 * standing across a reopen and falling with undo, and bad input refused with nothing changed. The
 * films are test/helpers/review-project.ts's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shippedDetectorFiles } from '../../src-main/analysis/detector-versions.js';
import { ApiService } from '../../src-main/api/service.js';
import type { AppError } from '../../src-main/contract/errors.js';
import type { ReviewSegment } from '../../src-main/contract/review.js';
import { detectorTrainingPlan } from '../../src-main/analysis/project-models.js';
import { storeModelEvents } from '../../src-main/analysis/sed-descriptors.js';
import { defaultModelDir } from '../../src-main/sed/detector.js';
import { loadModel } from '../../src-main/sed/model/model-io.js';
import { Project } from '../../src-main/store/project.js';
import { reviewProject as makeProject } from '../helpers/review-project.js';

/** One film with activity, one without. */
async function reviewProject() {
  const { path, films, others } = await makeProject();
  return { path, film: films[0], other: others[0] };
}

const at = (segments: ReviewSegment[], label: string) => segments.find((s) => s.label === label);
const seg = (s: ReviewSegment) => ({ movieId: s.movieId, label: s.label, start: s.start, end: s.end });

test('the queue lists uncertain segments worst first, with the events there, and names films without activity', async () => {
  const { path, film, other } = await reviewProject();
  const api = new ApiService(Project.open(path));
  try {
    const q = await api.call('review.queue', {});
    assert.deepEqual(q.unanalysed, [{ movieId: other, title: 'film 2' }]);
    assert.equal(q.decided, 0);
    assert.deepEqual(q.segments.map((s) => s.label), ['crying', 'shouting'], 'laughter at 0.95 is sure; silence is sure');
    const [crying, shouting] = q.segments;
    assert.deepEqual({ start: crying.start, end: crying.end, group: crying.group, title: crying.title }, { start: 4, end: 6, group: 'nonverbal', title: 'film 1' });
    assert.ok(crying.score > 0.9 && crying.score > shouting.score, `${crying.score} > ${shouting.score}`);
    assert.equal(crying.reason, 'threshold');
    assert.deepEqual(crying.events.map((e) => [e.label, e.onset, e.offset, e.source]), [['crying', 3, 8, 'model']]);
    assert.equal(crying.modelVersion, (await shippedDetectorFiles()).nonverbal!.version);
    assert.equal(q.total, 2);
    assert.deepEqual((await api.call('review.queue', { limit: 1 })).segments.map((s) => s.label), ['crying']);
    assert.equal((await api.call('review.queue', { movieId: other })).segments.length, 0);
    assert.equal((await api.call('review.queue', { movieId: film })).total, 2);
    await assert.rejects(api.call('review.queue', { movieId: 99 }), (e: AppError) => e.code === 'not_found');
  } finally {
    api.dispose();
    api.project.close();
  }
});

test('accept makes a human event in one undoable step; the segment leaves the queue until undone', async () => {
  const { path, film } = await reviewProject();
  const api = new ApiService(Project.open(path));
  const pushed: number[] = [];
  api.on('movie.changed', ({ movieId, what }) => what === 'events' && pushed.push(movieId));
  try {
    const crying = at((await api.call('review.queue', {})).segments, 'crying')!;
    const r = await api.call('review.decide', { segment: seg(crying), verdict: 'accept' });
    const made = r.events.filter((e) => e.source === 'human');
    assert.deepEqual(made.map((e) => [e.label, e.onset, e.offset]), [['crying', 4, 6]]);
    assert.equal(r.events.filter((e) => e.source === 'model').length, 2, 'accept leaves the detected events');
    assert.equal(r.history.undoLabel, 'accept crying 4.0–6.0 s');
    assert.deepEqual({ ...r.decision, id: 0, decidedAt: '' }, { id: 0, movieId: film, label: 'crying', start: 4, end: 6, verdict: 'accept', newLabel: null, decidedAt: '' });
    assert.deepEqual(pushed, [film]);
    let q = await api.call('review.queue', {});
    assert.deepEqual(q.segments.map((s) => s.label), ['shouting']);
    assert.equal(q.decided, 1);

    await api.call('history.undo', {});
    assert.equal((await api.call('events.list', { movieId: film })).filter((e) => e.source === 'human').length, 0);
    q = await api.call('review.queue', {});
    assert.deepEqual(q.segments.map((s) => s.label), ['crying', 'shouting'], 'undone: back in the queue');
    assert.equal(q.decided, 0);

    await api.call('history.redo', {});
    assert.deepEqual((await api.call('review.queue', {})).segments.map((s) => s.label), ['shouting'], 'redone: out again');
    // A new step after an undo drops the undone one, and its verdict with it.
    await api.call('history.undo', {});
    await api.call('events.create', { movieId: film, label: 'breathing', onset: 1, offset: 2 });
    assert.equal((api.project.db.prepare('SELECT count(*) AS n FROM review_decisions').get() as { n: number }).n, 0);
  } finally {
    api.dispose();
    api.project.close();
  }
});

test('reject cuts the segment out of the detected event of its class; undo restores it whole', async () => {
  const { path, film } = await reviewProject();
  const api = new ApiService(Project.open(path));
  try {
    const before = await api.call('events.list', { movieId: film });
    const crying = at((await api.call('review.queue', {})).segments, 'crying')!;
    const r = await api.call('review.decide', { segment: seg(crying), verdict: 'reject' });
    assert.deepEqual(
      r.events.filter((e) => e.label === 'crying').map((e) => [e.onset, e.offset, e.source]),
      [[3, 4, 'model'], [6, 8, 'model']],
    );
    assert.equal(r.events.filter((e) => e.source === 'human').length, 0, 'a reject makes no event');
    assert.equal(r.history.undoLabel, 'reject crying 4.0–6.0 s');
    assert.deepEqual((await api.call('review.queue', {})).segments.map((s) => s.label), ['shouting']);
    await api.call('history.undo', {});
    assert.deepEqual(await api.call('events.list', { movieId: film }), before);
  } finally {
    api.dispose();
    api.project.close();
  }
});

test('relabel makes a human event of the new class and cuts the old one; verdicts outlive a reopen', async () => {
  const { path, film } = await reviewProject();
  let api = new ApiService(Project.open(path));
  try {
    const crying = at((await api.call('review.queue', {})).segments, 'crying')!;
    const r = await api.call('review.decide', { segment: seg(crying), verdict: 'relabel', label: 'laughter' });
    assert.deepEqual(r.events.filter((e) => e.source === 'human').map((e) => [e.label, e.onset, e.offset]), [['laughter', 4, 6]]);
    assert.deepEqual(r.events.filter((e) => e.label === 'crying').map((e) => [e.onset, e.offset]), [[3, 4], [6, 8]]);
    assert.equal(r.decision.newLabel, 'laughter');
    assert.equal(r.history.undoLabel, 'relabel crying → laughter 4.0–6.0 s');
  } finally {
    api.dispose();
    api.project.close();
  }
  api = new ApiService(Project.open(path));
  try {
    const q = await api.call('review.queue', {});
    assert.deepEqual(q.segments.map((s) => s.label), ['shouting']);
    assert.equal(q.decided, 1);
    assert.equal(api.project.review.inEffect(film)[0].verdict, 'relabel');
  } finally {
    api.dispose();
    api.project.close();
  }
});

test('bad verdicts are refused with one clear line and nothing changed', async () => {
  const { path, film, other } = await reviewProject();
  const api = new ApiService(Project.open(path));
  try {
    const ok = { movieId: film, label: 'crying', start: 4, end: 6 } as const;
    const state = async () => JSON.stringify([await api.call('events.list', { movieId: film }), await api.call('history.state', {}), api.project.review.inEffect()]);
    const before = await state();
    const refusals: Array<[unknown, string, RegExp]> = [
      [{ segment: ok, verdict: 'relabel' }, 'bad_request', /review\.decide: label: /],
      [{ segment: ok, verdict: 'relabel', label: 'crying' }, 'bad_request', /already crying; accept it instead/],
      [{ segment: ok, verdict: 'accept', label: 'laughter' }, 'bad_request', /review\.decide: .*label/],
      [{ segment: ok, verdict: 'maybe' }, 'bad_request', /review\.decide: verdict/],
      [{ segment: { ...ok, label: 'whistling' }, verdict: 'accept' }, 'bad_request', /segment\.label/],
      [{ segment: { ...ok, start: 6, end: 6 }, verdict: 'accept' }, 'bad_request', /must end after it starts \(start 6, end 6\)/],
      [{ segment: { ...ok, start: -1 }, verdict: 'accept' }, 'bad_request', /segment\.start/],
      [{ segment: { ...ok, start: 19, end: 25 }, verdict: 'reject' }, 'bad_request', /19\.0–25\.0 s lies outside the film \(0–20\.0 s\)/],
      [{ segment: { ...ok, movieId: 99 }, verdict: 'accept' }, 'not_found', /movie 99|99/],
      [{ segment: ok }, 'bad_request', /verdict/],
    ];
    for (const [params, code, message] of refusals) {
      await assert.rejects(api.call('review.decide', params as never), (e: AppError) => {
        assert.equal(e.code, code, `${JSON.stringify(params)}: ${e.message}`);
        assert.match(e.message, message);
        assert.ok(!e.message.includes('\n'), 'one line');
        return true;
      });
    }
    await assert.rejects(api.call('review.queue', { limit: 0 }), /review\.queue: limit/);
    assert.equal(await state(), before);
    assert.equal((await api.call('review.queue', { movieId: other })).total, 0);
  } finally {
    api.dispose();
    api.project.close();
  }
});

test('retraining reads a reviewed film only where it was reviewed; a film corrected by hand stays whole', async () => {
  const { path, films, others } = await makeProject({ mediaPath: '/nowhere/clip.mp4' });
  const api = new ApiService(Project.open(path));
  try {
    const crying = at((await api.call('review.queue', {})).segments, 'crying')!;
    await api.call('review.decide', { segment: seg(crying), verdict: 'reject' });
    await api.call('events.create', { movieId: others[0], label: 'laughter', onset: 1, offset: 2 });
    const [plan] = await detectorTrainingPlan(api.project, ['nonverbal']);
    try {
      const reviewed = plan.films.find((f) => f.movie.id === films[0])!;
      assert.deepEqual(reviewed.known, [{ label: 'crying', onset: crying.start, offset: crying.end }], 'the reject vouches for its span and class only');
      const corrected = plan.films.find((f) => f.movie.id === others[0])!;
      assert.equal(corrected.known, undefined, 'a film with hand-made events and no verdicts counts as labelled throughout, as before');
    } finally {
      plan.init.model.dispose();
    }
  } finally {
    api.dispose();
    api.project.close();
  }
});

test('the next Analyze keeps a rejected detection out; undoing the verdict lets it back', async () => {
  const { path, film } = await reviewProject();
  const api = new ApiService(Project.open(path));
  const detector = await loadModel(defaultModelDir('nonverbal'));
  try {
    const p = api.project;
    const set = p.descriptors.list(film).find((d) => d.kind.startsWith('sed.nonverbal'))!;
    const crying = () => p.events.list(film).filter((e) => e.label === 'crying' && e.source === 'model').map((e) => [e.onset, e.offset]);
    storeModelEvents(p, film, 'nonverbal', set.id, detector);
    const whole = crying();
    const segment = at((await api.call('review.queue', {})).segments, 'crying')!;
    assert.ok(whole.some(([on, off]) => on < segment.end && segment.start < off), `a detection overlaps the segment: ${JSON.stringify(whole)}`);
    await api.call('review.decide', { segment: seg(segment), verdict: 'reject' });
    storeModelEvents(p, film, 'nonverbal', set.id, detector);
    const cut = crying();
    assert.ok(cut.every(([on, off]) => off <= segment.start || on >= segment.end), `re-detection keeps the rejected span out: ${JSON.stringify(cut)}`);
    assert.notDeepEqual(cut, whole);
    await api.call('history.undo', {});
    storeModelEvents(p, film, 'nonverbal', set.id, detector);
    assert.deepEqual(crying(), whole, 'without the verdict the detection is whole again');
  } finally {
    detector.model.dispose();
    api.dispose();
    api.project.close();
  }
});
