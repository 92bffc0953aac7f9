/**
 * Praat TextGrids in both text forms Praat writes: long ("File type = ..." with `xmin = 0` lines)
 * and short (the bare values, one per line). Both are the same token stream once the names, `=`,
 * `[n]:` labels and `!` comments are dropped, which is how Praat itself reads them; so one reader
 * serves both. UTF-16 files arrive already decoded (decode.ts).
 *
 * Interval tiers: an empty interval is a gap; an interval's class is its text, else its tier's name,
 * else it is skipped and reported. Point tiers: a point becomes a POINT_DURATION event.
 * Written: the long form, one interval tier per class (more where a class's events overlap) spanning
 * the film, its events' intervals labelled with the class and empty intervals between them.
 */
import { badRequest } from '../../contract/errors.js';
import { classOf, lanesByClass, noneSkipped, POINT_DURATION, seconds, skip, type EventFile, type EventListAbout, type EventListItem, type ParsedEvents } from './types.js';

interface Token {
  kind: 'string' | 'number' | 'flag';
  text: string;
  line: number;
}

// Quoted strings (a doubled quote is a quote), <exists>/<absent>, numbers; skipped: `! comments`, `[n]`, `=`, `:` and the names before them (`xmin =`, `tiers? <exists>`); any other text is refused.
const TOKEN = /"((?:[^"]|"")*)"|<(exists|absent)>|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)(?![\w.])|![^\n]*|\[[^\]\n]*\]|[A-Za-z_][\w ]*\??(?=\s*[=:[<])|[=:\s]+|(.)/g;

function tokens(file: EventFile): Token[] {
  const text = file.text.replace(/^\uFEFF/, '');
  const out: Token[] = [];
  let line = 1;
  for (const m of text.matchAll(TOKEN)) {
    if (m[4] !== undefined) throw badRequest(`${file.name} line ${line}: unexpected '${m[4]}' in a TextGrid`);
    if (m[1] !== undefined) out.push({ kind: 'string', text: m[1].replace(/""/g, '"'), line });
    else if (m[2] !== undefined) out.push({ kind: 'flag', text: m[2], line });
    else if (m[3] !== undefined) out.push({ kind: 'number', text: m[3], line });
    line += (m[0].match(/\n/g) ?? []).length;
  }
  return out;
}

/** Reads tokens in order, refusing with the file and line of the first that is not what Praat would write there. */
function reader(file: EventFile) {
  const list = tokens(file);
  let i = 0;
  const next = (kind: Token['kind'], what: string): Token => {
    const t = list[i++];
    if (!t) throw badRequest(`${file.name}: ends where ${what} was expected`);
    if (t.kind !== kind) throw badRequest(`${file.name} line ${t.line}: expected ${what}, found '${t.text}'`);
    return t;
  };
  return {
    string: (what: string) => next('string', what).text,
    number: (what: string) => Number(next('number', what).text),
    count: (what: string) => {
      const t = next('number', what);
      if (!Number.isInteger(Number(t.text)) || Number(t.text) < 0) throw badRequest(`${file.name} line ${t.line}: ${what} '${t.text}' is not a count`);
      return Number(t.text);
    },
    flag: () => (list[i]?.kind === 'flag' ? list[i++].text === 'exists' : true),
    line: () => list[i]?.line ?? list[list.length - 1]?.line ?? 1,
  };
}

export function parseTextGrid(file: EventFile): ParsedEvents {
  const r = reader(file);
  const header = (what: string, expected: string, refusal: string) => {
    const line = r.line();
    if (r.string(what) !== expected) throw badRequest(`${file.name} line ${line}: ${refusal}`);
  };
  header('the file type "ooTextFile"', 'ooTextFile', 'not a Praat text file (no "ooTextFile")');
  header('the object class "TextGrid"', 'TextGrid', 'not a TextGrid');
  r.number('xmin');
  r.number('xmax');
  const events: ParsedEvents['events'] = [];
  const skipped = noneSkipped();
  const tiers = r.flag() ? r.count('the number of tiers') : 0;
  for (let t = 0; t < tiers; t++) {
    const kind = r.string('a tier class ("IntervalTier" or "TextTier")');
    const name = r.string('the tier name');
    r.number('the tier xmin');
    r.number('the tier xmax');
    const n = r.count(kind === 'IntervalTier' ? 'the number of intervals' : 'the number of points');
    if (kind !== 'IntervalTier' && kind !== 'TextTier') throw badRequest(`${file.name} line ${r.line()}: unknown tier class "${kind}"`);
    for (let k = 0; k < n; k++) {
      const at = `${file.name} line ${r.line()}`;
      const onset = r.number(kind === 'IntervalTier' ? 'an interval xmin' : 'a point time');
      const offset = kind === 'IntervalTier' ? r.number('an interval xmax') : onset + POINT_DURATION;
      const text = r.string(kind === 'IntervalTier' ? 'an interval text' : 'a point mark');
      if (kind === 'IntervalTier' && text.trim() === '') continue;
      const label = classOf(text, name);
      if (!label) {
        skip(skipped, `${name}: '${text}'`);
        continue;
      }
      if (!(offset > onset)) throw badRequest(`${at}: interval ends at ${offset}, not after its start ${onset}`);
      events.push({ onset, offset, label, at });
    }
  }
  return { events, skipped };
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function writeTextGrid(items: readonly EventListItem[], about: EventListAbout): string {
  const end = Math.max(about.duration, ...items.map((e) => e.offset));
  const lanes = lanesByClass(items);
  const lines = ['File type = "ooTextFile"', 'Object class = "TextGrid"', '', 'xmin = 0 ', `xmax = ${seconds(end)} `, 'tiers? <exists> ', `size = ${lanes.length} `, 'item []: '];
  lanes.forEach(({ label, events }, i) => {
    const intervals: Array<[number, number, string]> = [];
    let at = 0;
    for (const e of events) {
      if (e.onset > at) intervals.push([at, e.onset, '']);
      intervals.push([e.onset, e.offset, label]);
      at = e.offset;
    }
    if (at < end || intervals.length === 0) intervals.push([at, end, '']);
    lines.push(`    item [${i + 1}]:`, '        class = "IntervalTier" ', `        name = ${quote(label)} `, '        xmin = 0 ', `        xmax = ${seconds(end)} `);
    lines.push(`        intervals: size = ${intervals.length} `);
    intervals.forEach(([a, b, text], k) => {
      lines.push(`        intervals [${k + 1}]:`, `            xmin = ${seconds(a)} `, `            xmax = ${seconds(b)} `, `            text = ${quote(text)} `);
    });
  });
  return lines.map((l) => `${l}\n`).join('');
}
