/**
 * NOVA continuous annotations (hcmlab/nova: Types/AnnoListFile.cs writes and reads them; nova-utils'
 * file_handler.py does the same). Two files: the header `X.annotation`,
 *
 *   <?xml version="1.0" ?>
 *   <annotation ssi-v="3">
 *       <info ftype="ASCII" size="1500" />
 *       <meta annotator="anna"/>
 *       <scheme name="valence" type="CONTINUOUS" sr="25" min="-1" max="1" mincolor="#FFFFFFFF" maxcolor="#FFC0504D" />
 *   </annotation>
 *
 * and beside it the data `X.annotation~`: `score;confidence` per line, line i being the sample at
 * i / sr s, scores on [min, max]. NOVA marks a sample nobody rated with the score NaN. Only ASCII
 * data is read (BINARY holds raw floats, not text).
 */
import { VALENCE_RATE_HZ } from '../../contract/domain.js';
import { badRequest } from '../../contract/errors.js';
import { checkScale, decimal, formatNumber, linesOf, onScale, where, type ParsedTrace, type Scale, type TraceFile } from './trace.js';

/** The data file's name: NOVA's convention, the header's name with a trailing `~`. */
export const novaDataName = (headerName: string) => `${headerName}~`;

export const looksLikeNova = (file: TraceFile) => /\.annotation~?$/i.test(file.name) || /^\s*<(\?xml|annotation)\b/.test(file.text.replace(/^\uFEFF/, ''));

export function parseNova(files: TraceFile[]): ParsedTrace {
  const header = files.find((f) => !f.name.endsWith('~'));
  const data = header && files.find((f) => f.name === novaDataName(header.name));
  if (!header || !data || files.length !== 2) {
    throw badRequest(`a NOVA annotation is two files, X.annotation and its data X.annotation~; got ${files.map((f) => f.name).join(', ')}`);
  }
  const { size, sr, scale } = readHeader(header);
  const lines = linesOf(data.text);
  if (lines.length !== size) throw badRequest(`${data.name}: ${lines.length} lines, but its header ${header.name} says size="${size}"`);
  if (lines.length === 0) throw badRequest(`${data.name}: no ratings in it`);
  const time: number[] = [];
  const value: number[] = [];
  lines.forEach((line, i) => {
    const at = where(data.name, i + 1);
    const cells = line.split(';');
    if (cells.length !== 2) throw badRequest(`${at}: expected 'score;confidence', found '${line.trim()}'`);
    // The confidence is not kept, but text there means the file is not what it claims to be.
    decimal(cells[1], at);
    time.push(i / sr);
    value.push(/^\s*nan\s*$/i.test(cells[0]) ? Number.NaN : onScale(decimal(cells[0], at), scale, at));
  });
  return { samples: { time, value }, scale };
}

function readHeader(file: TraceFile): { size: number; sr: number; scale: Scale } {
  if (!/<annotation\b/.test(file.text)) throw badRequest(`${file.name}: not a NOVA annotation header (no <annotation> element)`);
  const info = element(file, 'info');
  const scheme = element(file, 'scheme');
  const attr = (e: Element, key: string) => {
    const v = e.attrs.get(key);
    if (v === undefined) throw badRequest(`${e.at}: <${e.tag}> has no ${key}="…"`);
    return v;
  };
  if (attr(info, 'ftype') !== 'ASCII') throw badRequest(`${info.at}: ftype="${attr(info, 'ftype')}"; only ASCII NOVA annotations can be read`);
  if (attr(scheme, 'type') !== 'CONTINUOUS') throw badRequest(`${scheme.at}: scheme type="${attr(scheme, 'type')}"; a valence trace needs a CONTINUOUS scheme`);
  const size = decimal(attr(info, 'size'), info.at);
  const sr = decimal(attr(scheme, 'sr'), scheme.at);
  if (!Number.isInteger(size)) throw badRequest(`${info.at}: size="${size}" is not a count of lines`);
  if (!(sr > 0)) throw badRequest(`${scheme.at}: sr="${sr}" is not a sample rate`);
  const scale = checkScale({ min: decimal(attr(scheme, 'min'), scheme.at), max: decimal(attr(scheme, 'max'), scheme.at) }, scheme.at);
  return { size, sr, scale };
}

interface Element {
  tag: string;
  at: string;
  attrs: Map<string, string>;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY_OF = Object.fromEntries(Object.entries(ENTITIES).map(([name, c]) => [c, name]));
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]);
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&${ENTITY_OF[c]};`);

/** The header is flat, a handful of empty elements, so its attributes are all that is read. */
function element(file: TraceFile, tag: string): Element {
  const match = new RegExp(`<${tag}\\b([^>]*)>`).exec(file.text);
  if (!match) throw badRequest(`${file.name}: the NOVA header has no <${tag}> element`);
  const at = where(file.name, file.text.slice(0, match.index).split('\n').length);
  const attrs = new Map<string, string>();
  for (const a of match[1].matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs.set(a[1], unescape(a[2] ?? a[3]));
  return { tag, at, attrs };
}

/**
 * A 25 Hz [-1, 1] annotation in NOVA's layout, one line per frame; an unrated frame is NaN with
 * confidence 0. `annotator` fills the meta element.
 */
export function writeNova(values: Float32Array, name: string, about: { annotator?: string }): TraceFile[] {
  const header = [
    '<?xml version="1.0" ?>',
    '<annotation ssi-v="3">',
    `    <info ftype="ASCII" size="${values.length}" />`,
    `    <meta annotator="${escape(about.annotator ?? '')}"/>`,
    `    <scheme name="valence" type="CONTINUOUS" sr="${VALENCE_RATE_HZ}" min="-1" max="1" mincolor="#FFFFFFFF" maxcolor="#FFC0504D" />`,
    '</annotation>',
  ];
  const rows = Array.from(values, (v) => (Number.isNaN(v) ? 'NaN;0.00' : `${formatNumber(v)};1.00`));
  return [
    { name, text: header.map((l) => `${l}\n`).join('') },
    { name: novaDataName(name), text: rows.map((r) => `${r}\n`).join('') },
  ];
}
