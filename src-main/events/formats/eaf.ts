/**
 * ELAN annotation documents (.eaf, EAF 2.7–3.0; the schema is www.mpi.nl/tools/elan/EAFv3.0.xsd).
 *
 * Read: every ALIGNABLE_ANNOTATION of every tier; its class is its value, else its tier's id, else it
 * is skipped and reported, as are REF_ANNOTATIONs (they have no times of their own). A TIME_SLOT
 * without a TIME_VALUE is placed as ELAN places unaligned slots: evenly between the nearest valued
 * slots before and after it in TIME_ORDER (time 0 before the first). TIME_ORIGIN on the first
 * MEDIA_DESCRIPTOR is, in ELAN, the offset into that media file at which annotation time 0 lies (ELAN
 * starts the player there), so film time = annotation time + TIME_ORIGIN.
 *
 * Written: one tier per class (more where a class's events overlap), its annotations' values the
 * class, time slots in whole ms, and the elements and attributes the 3.0 schema requires.
 */
import { pathToFileURL } from 'node:url';
import { badRequest } from '../../contract/errors.js';
import { attr, children, escapeXml, readXml, textOf, type XmlElement } from './xml.js';
import { classOf, lanesByClass, noneSkipped, skip, type EventFile, type EventListAbout, type EventListItem, type ParsedEvents } from './types.js';

export function parseEaf(file: EventFile): ParsedEvents {
  const doc = readXml(file, 'ANNOTATION_DOCUMENT');
  const header = children(doc, 'HEADER')[0];
  const units = header ? attr(header, 'TIME_UNITS') ?? 'milliseconds' : 'milliseconds';
  if (units !== 'milliseconds') throw badRequest(`${file.name}: <HEADER TIME_UNITS="${units}">; only milliseconds can be read`);
  const media = header ? children(header, 'MEDIA_DESCRIPTOR')[0] : undefined;
  const origin = media ? whole(attr(media, 'TIME_ORIGIN') ?? '0', `${file.name}: <MEDIA_DESCRIPTOR TIME_ORIGIN>`) : 0;
  const slots = timeSlots(file, children(children(doc, 'TIME_ORDER')[0] ?? {}, 'TIME_SLOT'));

  const events: ParsedEvents['events'] = [];
  const skipped = noneSkipped();
  for (const tier of children(doc, 'TIER')) {
    const tierId = attr(tier, 'TIER_ID') ?? '';
    for (const annotation of children(tier, 'ANNOTATION')) {
      for (const ref of children(annotation, 'REF_ANNOTATION')) {
        skip(skipped, `${tierId}: '${value(ref)}' (a reference annotation, without times of its own)`);
      }
      for (const a of children(annotation, 'ALIGNABLE_ANNOTATION')) {
        const at = `${file.name}: <ALIGNABLE_ANNOTATION ANNOTATION_ID="${attr(a, 'ANNOTATION_ID') ?? '?'}"> in tier '${tierId}'`;
        const label = classOf(value(a), tierId);
        if (!label) {
          skip(skipped, `${tierId}: '${value(a)}'`);
          continue;
        }
        const [start, end] = ['TIME_SLOT_REF1', 'TIME_SLOT_REF2'].map((ref) => {
          const ms = slots.get(attr(a, ref) ?? '');
          if (ms === undefined) throw badRequest(`${at}: ${ref}="${attr(a, ref) ?? ''}" names no TIME_SLOT`);
          return (ms + origin) / 1000;
        });
        if (!(end > start)) throw badRequest(`${at}: ends at ${end} s, not after its start ${start} s`);
        events.push({ onset: start, offset: end, label, at });
      }
    }
  }
  return { events, skipped };
}

const value = (a: XmlElement) => textOf(children(a, 'ANNOTATION_VALUE')[0] ?? {});

function whole(text: string, at: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n)) throw badRequest(`${at}: '${text}' is not a whole number of ms`);
  return n;
}

/** Slot id → ms, unvalued slots placed evenly between their valued neighbours in document order. */
function timeSlots(file: EventFile, elements: XmlElement[]): Map<string, number> {
  const ids = elements.map((s) => attr(s, 'TIME_SLOT_ID') ?? '');
  const values = elements.map((s, i) => {
    const v = attr(s, 'TIME_VALUE');
    return v === undefined ? undefined : whole(v, `${file.name}: <TIME_SLOT TIME_SLOT_ID="${ids[i]}">`);
  });
  const slots = new Map<string, number>();
  let before = -1;
  values.forEach((v, i) => {
    if (v !== undefined) {
      slots.set(ids[i], v);
      before = i;
      return;
    }
    const after = values.findIndex((w, j) => j > i && w !== undefined);
    if (after < 0) throw badRequest(`${file.name}: <TIME_SLOT TIME_SLOT_ID="${ids[i]}"> has no time and no later slot has one to place it by`);
    const from = before < 0 ? 0 : (values[before] as number);
    const to = values[after] as number;
    slots.set(ids[i], from + ((to - from) * (i - before)) / (after - before));
  });
  return slots;
}

const MIME: Record<string, string> = { mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', mpg: 'video/mpeg', mpeg: 'video/mpeg', wav: 'audio/x-wav', mp3: 'audio/mpeg' };

export function writeEaf(items: readonly EventListItem[], about: EventListAbout, date = new Date()): string {
  const lanes = lanesByClass(items);
  const slots: Array<{ ms: number; id: string }> = [];
  const slot = (t: number) => {
    const s = { ms: Math.round(t * 1000), id: '' };
    slots.push(s);
    return s;
  };
  let annotations = 0;
  const tiers = lanes.map(({ label, events }, i) => {
    const first = lanes.findIndex((l) => l.label === label);
    const tierId = i === first ? label : `${label}-${i - first + 1}`;
    const rows = events.map((e) => ({ id: `a${++annotations}`, start: slot(e.onset), end: slot(e.offset), label }));
    return { tierId, rows };
  });
  [...slots].sort((x, y) => x.ms - y.ms).forEach((s, i) => (s.id = `ts${i + 1}`));

  const ext = /\.([^./\\]+)$/.exec(about.mediaPath ?? '')?.[1]?.toLowerCase() ?? '';
  const media = about.mediaPath
    ? [`        <MEDIA_DESCRIPTOR MEDIA_URL="${escapeXml(pathToFileURL(about.mediaPath).href)}" MIME_TYPE="${MIME[ext] ?? 'unknown'}"/>`]
    : [];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<ANNOTATION_DOCUMENT AUTHOR="${escapeXml(about.author ?? '')}" DATE="${date.toISOString().replace(/\.\d{3}Z$/, 'Z')}" FORMAT="3.0" VERSION="3.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">`,
    '    <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">',
    ...media,
    `        <PROPERTY NAME="lastUsedAnnotationId">${annotations}</PROPERTY>`,
    '    </HEADER>',
    '    <TIME_ORDER>',
    ...[...slots].sort((x, y) => x.ms - y.ms).map((s) => `        <TIME_SLOT TIME_SLOT_ID="${s.id}" TIME_VALUE="${s.ms}"/>`),
    '    </TIME_ORDER>',
    ...tiers.flatMap(({ tierId, rows }) =>
      rows.length === 0
        ? [`    <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="${tierId}"/>`]
        : [
            `    <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="${tierId}">`,
            ...rows.flatMap((r) => [
              '        <ANNOTATION>',
              `            <ALIGNABLE_ANNOTATION ANNOTATION_ID="${r.id}" TIME_SLOT_REF1="${r.start.id}" TIME_SLOT_REF2="${r.end.id}">`,
              `                <ANNOTATION_VALUE>${r.label}</ANNOTATION_VALUE>`,
              '            </ALIGNABLE_ANNOTATION>',
              '        </ANNOTATION>',
            ]),
            '    </TIER>',
          ],
    ),
    '    <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="default-lt" TIME_ALIGNABLE="true"/>',
    '</ANNOTATION_DOCUMENT>',
  ];
  return lines.map((l) => `${l}\n`).join('');
}
