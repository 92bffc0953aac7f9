/**
 * The report as one self-contained HTML page: Table II with its charts, per-class recall,
 * Table I, Fig. 2, the t-tests, and per-fold details with confusion matrices. Inline CSS and
 * SVG only: no scripts, no fonts or images fetched from anywhere.
 */
import { EVENT_CLASSES } from '../../contract/domain.js';
import { EVENT_SETTINGS } from '../data/modalities.js';
import { ARCHITECTURES, ARCHITECTURE_TITLES } from '../model/model-config.js';
import { cellKey, type CellResult } from '../training/grid.js';
import { EVENT_TITLES, type ValenceReport } from './report-data.js';
import { escapeXml as esc, groupedBars, heatmap } from './svg-charts.js';

const pct = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : (100 * v).toFixed(2));
const num = (v: number | null | undefined, digits = 2) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits));
const CLASS_LABELS = ['1', '2', '3', '4', '5', '6', '7'];
const percentOrNull = (v: number | null | undefined) => (v === null || v === undefined ? null : 100 * v);

function tableTwo(r: ValenceReport): string {
  const models = ARCHITECTURES.filter((a) => r.cells.some((c) => c.model === a));
  const events = EVENT_SETTINGS.filter((e) => r.cells.some((c) => c.events === e));
  const find = (m: string, e: string) => r.cells.find((c) => c.model === m && c.events === e);
  const head = `<tr><th rowspan="2"></th>${models.map((m) => `<th colspan="2">${esc(ARCHITECTURE_TITLES[m])}</th>`).join('')}</tr><tr>${models.map(() => '<th>Acc</th><th>Acc±1</th>').join('')}</tr>`;
  const rows = events.map((e) => {
    const best = Math.max(...models.map((m) => find(m, e)?.acc ?? -1));
    const tds = models.map((m) => {
      const c = find(m, e);
      const strong = c?.acc !== null && c?.acc !== undefined && c.acc === best;
      const acc = pct(c?.acc);
      return `<td title="${esc(c?.skipped ?? '')}">${strong ? `<b>${acc}</b>` : acc}</td><td>${pct(c?.acc1)}</td>`;
    });
    return `<tr><th>${esc(EVENT_TITLES[e])}</th>${tds.join('')}</tr>`;
  });
  const chart = groupedBars({
    categories: events.map((e) => EVENT_TITLES[e]),
    series: models.map((m) => ({ name: ARCHITECTURE_TITLES[m], values: events.map((e) => percentOrNull(find(m, e)?.acc)) })),
    yLabel: 'accuracy (%)',
    format: (v) => v.toFixed(0),
  });
  return `<table class="grid">${head}${rows.join('')}</table><p class="note">Frame-wise accuracy (%) averaged over leave-one-movie-out folds; best of each row in bold; – where a model cannot run (hover for why).</p><figure>${chart}<figcaption>Accuracy per model and events setting.</figcaption></figure>`;
}

function recallChart(r: ValenceReport): string {
  const shown = r.cells.filter((c) => c.folds.length > 0);
  if (shown.length === 0) return '';
  const picked = shown.filter((c) => (c.model === 'fea-tf' && c.events === 'none') || c.model === 'fea-tf-scma');
  const series = (picked.length > 0 ? picked : shown.slice(0, 4)).map((c) => ({ name: `${c.title} · ${EVENT_TITLES[c.events]}`, values: c.recall.map(percentOrNull) }));
  return `<figure>${groupedBars({ categories: CLASS_LABELS.map((c) => `class ${c}`), series, yLabel: 'recall (%)', yMax: 100, format: (v) => v.toFixed(0) })}<figcaption>Per-class recall, averaged over folds (classes 1, 2, 6, 7 are the extremes).</figcaption></figure>`;
}

function tableOne(r: ValenceReport): string {
  const rows = r.tableOne.map(
    (t) =>
      `<tr><td>${t.group === 'verbal' ? 'ver' : 'non-ver'}:${esc(t.label)}</td><td>${num(t.durationSeconds / 60)}</td><td>${t.instances}</td><td>${num(t.meanValence)}</td><td>${num(t.cooccurrencePct)}</td></tr>`,
  );
  return `<table><tr><th>Category</th><th>Dur. (min)</th><th>Inst.</th><th>Avg. Val</th><th>Co-occur (%)</th></tr>${rows.join('')}</table><p class="note">Co-occur: share of all extreme-class frames (1, 2, 6, 7) inside an event of the class. Events are the annotated ones, or a detector's where a movie has none.</p>`;
}

function figTwo(r: ValenceReport): string {
  const wanted: [string, string][] = [
    ['fea-tf', 'none'],
    ['fea-tf-scma', 'verbal'],
    ['fea-tf-scma', 'nonverbal'],
    ['fea-tf-scma', 'all'],
  ];
  let keys = wanted.map(([m, e]) => cellKey(m as CellResult['model'], e as CellResult['events'])).filter((k) => r.figTwo.some((row) => k in row.correct));
  if (keys.length === 0) keys = Object.keys(r.figTwo[0]?.correct ?? {}).slice(0, 4);
  if (keys.length === 0) return '<p>No evaluated cells.</p>';
  const title = (k: string) => {
    const c = r.cells.find((x) => cellKey(x.model, x.events) === k)!;
    return `${c.title} · ${EVENT_TITLES[c.events]}`;
  };
  const chart = groupedBars({
    categories: EVENT_CLASSES.map((l) => `${l}\n${num(r.figTwo.find((x) => x.label === l)?.cooccurrencePct, 1)}%`),
    series: keys.map((k) => ({ name: title(k), values: EVENT_CLASSES.map((l) => r.figTwo.find((x) => x.label === l)?.correct[k] ?? null) })),
    yLabel: 'correct extreme frames',
    format: (v) => v.toFixed(0),
    width: 900,
  });
  return `<figure>${chart}<figcaption>Correctly predicted frames of the extreme classes (1, 2, 6, 7) inside each event class, summed over folds; the event class's co-occurrence rate below its name.</figcaption></figure>`;
}

/** Each transformer cell's mean modality shares per event class: what its predictions leaned on. */
function modalityShares(r: ValenceReport): string {
  const cells = r.cells.filter((c) => c.shares && c.shares.all);
  if (cells.length === 0) return '<p class="note">No transformer cell was evaluated.</p>';
  const tables = cells.map((c) => {
    const modalities = Object.keys(c.shares!.all.shares);
    const rows = ['all', ...EVENT_CLASSES]
      .filter((name) => (c.shares![name]?.frames ?? 0) > 0)
      .map((name) => {
        const { frames, shares } = c.shares![name];
        return `<tr><th>${esc(name === 'all' ? 'all frames' : name)}</th><td>${frames}</td>${modalities.map((m) => `<td>${pct(shares[m])}</td>`).join('')}</tr>`;
      });
    return `<h3>${esc(`${c.title} · ${EVENT_TITLES[c.events]}`)}</h3><table><tr><th>frames inside</th><th>frames</th>${modalities.map((m) => `<th>${esc(m)}</th>`).join('')}</tr>${rows.join('')}</table>`;
  });
  return `${tables.join('')}<p class="note">Share (%) of each input modality in the test predictions, by occlusion: per frame, how far the 7-class distribution moves (total variation) when that modality is held at its training mean, over the sum for all modalities; averaged over the frames inside events of each class (reference events), over all folds. Frames where no modality moved the prediction are left out.</p>`;
}

function significance(r: ValenceReport): string {
  if (r.significance.length === 0) return '<p>No pairs of cells with at least two shared folds.</p>';
  const title = (k: string) => {
    const c = r.cells.find((x) => cellKey(x.model, x.events) === k);
    return c ? `${c.title} · ${EVENT_TITLES[c.events]}` : k;
  };
  const rows = r.significance.map(
    (s) => `<tr><td>${esc(title(s.a))}</td><td>${esc(title(s.b))}</td><td>${s.meanDifference === null ? '–' : (100 * s.meanDifference).toFixed(2)}</td><td>${num(s.t, 3)}</td><td>${s.p === null ? '–' : s.p.toPrecision(3)}</td><td>${s.folds}</td></tr>`,
  );
  return `<table><tr><th>A</th><th>B</th><th>Acc A − B (points)</th><th>t</th><th>p (two-sided)</th><th>folds</th></tr>${rows.join('')}</table>`;
}

function folds(r: ValenceReport): string {
  return r.cells
    .filter((c) => c.folds.length > 0)
    .map((c) => {
      const rows = c.folds.map(
        (f) => `<tr><td>${esc(f.movie)}</td><td>${pct(f.acc)}</td><td>${pct(f.acc1)}</td><td>${f.bestEpoch}/${f.epochs}</td><td>${num(f.trainSeconds, 1)}</td><td>${num(f.samplesPerSecond, 0)}</td></tr>`,
      );
      const total = c.folds.reduce((m, f) => m.map((row, i) => row.map((x, j) => x + f.confusion[i][j])), c.folds[0].confusion.map((row) => row.map(() => 0)));
      return `<details><summary>${esc(c.title)} · ${esc(EVENT_TITLES[c.events])}: Acc ${pct(c.acc)}, Acc±1 ${pct(c.acc1)}</summary><div class="fold"><table><tr><th>test movie</th><th>Acc</th><th>Acc±1</th><th>best/ran epochs</th><th>train s</th><th>samples/s</th></tr>${rows.join('')}</table>${heatmap(total, CLASS_LABELS, `confusion ${c.title} ${c.events}`)}</div></details>`;
    })
    .join('');
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1000px;color:#222;padding:0 16px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}
td:first-child,th:first-child{text-align:left}.note{color:#555;font-size:12px}figure{margin:12px 0}figcaption{font-size:12px;color:#555}
details{margin:6px 0}summary{cursor:pointer}.fold{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}code{background:#f4f4f4;padding:0 3px}`;

const every = (stride: number) => (stride === 1 ? 'every frame' : `every ${stride}th frame`);

export function reportHtml(r: ValenceReport): string {
  const s = r.settings;
  const movies = r.movies.map((m) => `${esc(m.title)} (${(m.frames / 25 / 60).toFixed(1)} min)`).join(', ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Induced valence: leave-one-movie-out report</title><style>${STYLE}</style></head><body>
<h1>Induced valence: leave-one-movie-out report</h1>
<p>${r.movies.length} movies: ${movies}.<br>Audio-visual inputs: ${esc(s.av.join(', ') || 'none')}; sound semantics from ${esc(s.semantics === 'events' ? 'annotated events' : 'the sound event detector')}; valence labels: ${esc(s.labels ?? 'the newest annotation')}.
Training on ${every(s.stride)}, testing on ${every(s.testStride)}. Created ${esc(r.createdAt)}.</p>
<h2>Table II: valence recognition (7 classes)</h2>${tableTwo(r)}
<h2>Per-class recall</h2>${recallChart(r)}
<h2>Table I: human sound events</h2>${tableOne(r)}
<h2>Fig. 2: correct extreme-valence frames per event class</h2>${figTwo(r)}
<h2>Why valence moved: modality shares per event class</h2>${modalityShares(r)}
<h2>Paired t-tests over folds</h2>${significance(r)}
<h2>Folds</h2>${folds(r)}
<p class="note">Settings: <code>${esc(JSON.stringify({ training: s.training, model: s.model }))}</code></p>
</body></html>
`;
}
