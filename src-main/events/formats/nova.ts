/**
 * NOVA discrete annotations (hcmlab/nova, Types/AnnoListFile.cs): the header `X.annotation`,
 *
 *   <annotation ssi-v="3">
 *       <info ftype="ASCII" size="2" />
 *       <scheme name="events" type="DISCRETE"> <item name="laughter" id="0" color="#FF..." /> … </scheme>
 *   </annotation>
 *
 * and beside it the data `X.annotation~`, one segment a line: `start;end;labelId;confidence`, times
 * in seconds. A segment's class is its item's name, else the scheme's name; other items are skipped
 * and reported.
 */
import { EVENT_CLASSES, type EventClass } from '../../contract/domain.js';
import { badRequest } from '../../contract/errors.js';
import { attr, children, escapeXml, readXml } from './xml.js';
import { classOf, noneSkipped, seconds, skip, type EventFile, type EventListAbout, type EventListItem, type ParsedEvents } from './types.js';

export const novaDataName = (headerName: string) => `${headerName}~`;

export function parseNova(files: readonly EventFile[]): ParsedEvents {
  const header = files.find((f) => !f.name.endsWith('~'));
  const data = header && files.find((f) => f.name === novaDataName(header.name));
  if (!header || !data || files.length !== 2) {
    throw badRequest(`a NOVA annotation is two files, X.annotation and its data X.annotation~; got ${files.map((f) => f.name).join(', ')}`);
  }
  const { size, items } = readHeader(header);
  const lines = data.text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length !== size) throw badRequest(`${data.name}: ${lines.length} lines, but its header ${header.name} says size="${size}"`);
  const events: ParsedEvents['events'] = [];
  const skipped = noneSkipped();
  lines.forEach((line, i) => {
    const at = `${data.name} line ${i + 1}`;
    const cells = line.split(';').map((c) => c.trim());
    const [onset, offset, id, confidence] = cells.map(Number);
    if (cells.length !== 4 || [onset, offset, confidence].some((n) => !Number.isFinite(n)) || !Number.isInteger(id)) {
      throw badRequest(`${at}: expected 'start;end;labelId;confidence', found '${line.trim().slice(0, 60)}'`);
    }
    const item = items.get(id);
    if (item === undefined) throw badRequest(`${at}: label id ${id} is not an item of the scheme in ${header.name}`);
    if (!(offset > onset)) throw badRequest(`${at}: ends at ${offset}, not after its start ${onset}`);
    if (!(confidence >= 0 && confidence <= 1)) throw badRequest(`${at}: confidence ${confidence} lies outside 0–1`);
    if (item.label) events.push({ onset, offset, label: item.label, confidence, at });
    else skip(skipped, `'${item.name}'`);
  });
  return { events, skipped };
}

function readHeader(file: EventFile): { size: number; items: Map<number, { name: string; label: EventClass | null }> } {
  const doc = readXml(file, 'annotation');
  const info = children(doc, 'info')[0];
  const scheme = children(doc, 'scheme')[0];
  if (!info || !scheme) throw badRequest(`${file.name}: a NOVA header needs <info> and <scheme> elements`);
  if (attr(info, 'ftype') !== 'ASCII') throw badRequest(`${file.name}: <info ftype="${attr(info, 'ftype') ?? ''}">; only ASCII NOVA annotations can be read`);
  if (attr(scheme, 'type') !== 'DISCRETE') throw badRequest(`${file.name}: <scheme type="${attr(scheme, 'type') ?? ''}">; sound events need a DISCRETE scheme`);
  const size = Number(attr(info, 'size'));
  if (!Number.isInteger(size) || size < 0) throw badRequest(`${file.name}: <info size="${attr(info, 'size') ?? ''}"> is not a count of lines`);
  const schemeName = attr(scheme, 'name') ?? '';
  const items = new Map<number, { name: string; label: EventClass | null }>();
  for (const item of children(scheme, 'item')) {
    const id = Number(attr(item, 'id'));
    const name = attr(item, 'name') ?? '';
    if (!Number.isInteger(id)) throw badRequest(`${file.name}: <item name="${name}" id="${attr(item, 'id') ?? ''}"> has no whole-number id`);
    items.set(id, { name, label: classOf(name, schemeName) });
  }
  return { size, items };
}

/** Class colours as NOVA writes them, #AARRGGBB. */
const COLOURS = ['#FF1F77B4', '#FFD62728', '#FF2CA02C', '#FF9467BD', '#FFFF7F0E', '#FF8C564B', '#FF17BECF', '#FFE377C2'];

export function writeNova(items: readonly EventListItem[], name: string, about: EventListAbout): EventFile[] {
  const sorted = [...items].sort((x, y) => x.onset - y.onset || x.offset - y.offset);
  const header = [
    '<?xml version="1.0" ?>',
    '<annotation ssi-v="3">',
    `    <info ftype="ASCII" size="${sorted.length}" />`,
    `    <meta annotator="${escapeXml(about.author ?? '')}" />`,
    '    <scheme name="events" type="DISCRETE" color="#FFFFFFFF">',
    ...EVENT_CLASSES.map((c, id) => `        <item name="${c}" id="${id}" color="${COLOURS[id]}" />`),
    '    </scheme>',
    '</annotation>',
  ];
  // Detected events keep their confidence (NOVA's cooperative learning reads it); people's events are sure.
  const rows = sorted.map((e) => `${seconds(e.onset)};${seconds(e.offset)};${EVENT_CLASSES.indexOf(e.label)};${+(e.confidence ?? 1).toFixed(4)}`);
  return [
    { name, text: header.map((l) => `${l}\n`).join('') },
    { name: novaDataName(name), text: rows.map((r) => `${r}\n`).join('') },
  ];
}
