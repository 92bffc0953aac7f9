/**
 * The event-list formats on files written by hand the way each tool writes them (ELAN 6, Praat's
 * short and UTF-16 long forms, NOVA's pair), round trips through every format to the millisecond,
 * and refusals that name the file and line or element.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { checkInFilm, detectFormat, parseEventFiles, writeEventFiles, type EventListItem } from '../../../src-main/events/formats/index.js';
import { decodeText } from '../../../src-main/util/decode-text.js';
import { EVENT_LIST_FORMATS } from '../../../src-main/contract/api.js';

const plain = (events: EventListItem[]) => events.map(({ onset, offset, label }) => ({ onset, offset, label }));

/** As ELAN 6.x saves a document: a URN property, an unaligned slot pair of a symbolic subdivision, a media offset. */
const ELAN = `<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="" DATE="2024-05-02T10:11:12+02:00" FORMAT="3.0" VERSION="3.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">
    <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">
        <MEDIA_DESCRIPTOR MEDIA_URL="file:///home/anna/film.mp4" MIME_TYPE="video/mp4" RELATIVE_MEDIA_URL="./film.mp4" TIME_ORIGIN="500"/>
        <PROPERTY NAME="URN">urn:nl-mpi-tools-elan-eaf:5f0e3c1a-0d7e-4d3c-9a43-6b2f0a1c9e11</PROPERTY>
        <PROPERTY NAME="lastUsedAnnotationId">5</PROPERTY>
    </HEADER>
    <TIME_ORDER>
        <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/>
        <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="1750"/>
        <TIME_SLOT TIME_SLOT_ID="ts3" TIME_VALUE="2000"/>
        <TIME_SLOT TIME_SLOT_ID="ts4"/>
        <TIME_SLOT TIME_SLOT_ID="ts5"/>
        <TIME_SLOT TIME_SLOT_ID="ts6" TIME_VALUE="3500"/>
    </TIME_ORDER>
    <TIER LINGUISTIC_TYPE_REF="default-lt" PARTICIPANT="Anna" TIER_ID="Anna">
        <ANNOTATION>
            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
                <ANNOTATION_VALUE>Laughter</ANNOTATION_VALUE>
            </ALIGNABLE_ANNOTATION>
        </ANNOTATION>
        <ANNOTATION>
            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts6">
                <ANNOTATION_VALUE>door slam</ANNOTATION_VALUE>
            </ALIGNABLE_ANNOTATION>
        </ANNOTATION>
    </TIER>
    <TIER LINGUISTIC_TYPE_REF="subdivision" PARENT_REF="Anna" TIER_ID="crying">
        <ANNOTATION>
            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a3" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts4">
                <ANNOTATION_VALUE>sob</ANNOTATION_VALUE>
            </ALIGNABLE_ANNOTATION>
        </ANNOTATION>
        <ANNOTATION>
            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a4" TIME_SLOT_REF1="ts4" TIME_SLOT_REF2="ts5">
                <ANNOTATION_VALUE>sob</ANNOTATION_VALUE>
            </ALIGNABLE_ANNOTATION>
        </ANNOTATION>
    </TIER>
    <TIER LINGUISTIC_TYPE_REF="gloss" PARENT_REF="Anna" TIER_ID="notes">
        <ANNOTATION>
            <REF_ANNOTATION ANNOTATION_ID="a5" ANNOTATION_REF="a1">
                <ANNOTATION_VALUE>loud</ANNOTATION_VALUE>
            </REF_ANNOTATION>
        </ANNOTATION>
    </TIER>
    <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="default-lt" TIME_ALIGNABLE="true"/>
    <LINGUISTIC_TYPE CONSTRAINTS="Time_Subdivision" GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="subdivision" TIME_ALIGNABLE="true"/>
    <LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Association" GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="gloss" TIME_ALIGNABLE="false"/>
    <CONSTRAINT DESCRIPTION="Time subdivision of parent annotation's time interval, no time gaps allowed within this interval" STEREOTYPE="Time_Subdivision"/>
    <CONSTRAINT DESCRIPTION="1-1 association with a parent annotation" STEREOTYPE="Symbolic_Association"/>
</ANNOTATION_DOCUMENT>
`;

test('ELAN: values, then tier ids, give the class; unaligned slots are spread evenly; TIME_ORIGIN shifts onto the film', () => {
  const { format, events, skipped } = parseEventFiles('auto', [{ name: 'film.eaf', text: ELAN }]);
  assert.equal(format, 'eaf');
  // ts4 and ts5 lie a third and two thirds of the way from 2000 to 3500 ms; everything is 500 ms later on the film.
  assert.deepEqual(plain(events), [
    { onset: 1.5, offset: 2.25, label: 'laughter' },
    { onset: 2.5, offset: 3, label: 'crying' },
    { onset: 3, offset: 3.5, label: 'crying' },
  ]);
  assert.equal(events[1].at, 'film.eaf: <ALIGNABLE_ANNOTATION ANNOTATION_ID="a3"> in tier \'crying\'');
  assert.equal(skipped.count, 2);
  assert.match(skipped.examples.join(' | '), /Anna: 'door slam'.*notes: 'loud'/);
});

test('ELAN: refusals name the line or the element', () => {
  const eaf = (text: string) => () => parseEventFiles('eaf', [{ name: 'x.eaf', text }]);
  assert.throws(eaf(ELAN.replace('</TIER>', '')), /^AppError: x\.eaf line \d+: not well-formed XML/);
  assert.throws(eaf(ELAN.replace('TIME_SLOT_REF2="ts2"', 'TIME_SLOT_REF2="ts9"')), /x\.eaf: <ALIGNABLE_ANNOTATION ANNOTATION_ID="a1"> in tier 'Anna': TIME_SLOT_REF2="ts9" names no TIME_SLOT/);
  assert.throws(eaf(ELAN.replace('TIME_VALUE="3500"', '')), /<TIME_SLOT TIME_SLOT_ID="ts4"> has no time and no later slot/);
  assert.throws(eaf(ELAN.replace('TIME_VALUE="1750"', 'TIME_VALUE="1.7s"')), /<TIME_SLOT TIME_SLOT_ID="ts2">: '1\.7s' is not a whole number of ms/);
  assert.throws(eaf('<notes/>'), /x\.eaf: no <ANNOTATION_DOCUMENT> element/);
});

test('ELAN export: the EAF 3.0 document ELAN and pympi open, one tier per class, ms slots', () => {
  const items: EventListItem[] = [
    { onset: 1.2345, offset: 2, label: 'laughter' },
    { onset: 1.5, offset: 2.5, label: 'laughter' },
    { onset: 0.25, offset: 0.75, label: 'speech_male' },
  ];
  const [file] = writeEventFiles('eaf', items, 'film.eaf', { duration: 10, mediaPath: '/films/a b.mp4', author: 'anna' });
  const order = [...file.text.matchAll(/^ {4}<([A-Z_]+)/gm)].map((m) => m[1]);
  assert.deepEqual([...new Set(order)], ['HEADER', 'TIME_ORDER', 'TIER', 'LINGUISTIC_TYPE']);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(file.text).ANNOTATION_DOCUMENT;
  assert.equal(doc.FORMAT, '3.0');
  assert.equal(doc.VERSION, '3.0');
  assert.equal(doc.AUTHOR, 'anna');
  assert.equal(doc['xsi:noNamespaceSchemaLocation'], 'http://www.mpi.nl/tools/elan/EAFv3.0.xsd');
  assert.equal(doc['xmlns:xsi'], 'http://www.w3.org/2001/XMLSchema-instance');
  assert.match(doc.DATE, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(doc.HEADER.TIME_UNITS, 'milliseconds');
  assert.equal(doc.HEADER.MEDIA_DESCRIPTOR.MEDIA_URL, 'file:///films/a%20b.mp4');
  assert.deepEqual(doc.HEADER.PROPERTY, { NAME: 'lastUsedAnnotationId', '#text': 3 });
  assert.deepEqual(doc.TIME_ORDER.TIME_SLOT.map((s: { TIME_VALUE: string }) => s.TIME_VALUE), ['250', '750', '1235', '1500', '2000', '2500']);
  // The overlapping laughter goes to a second laughter tier; every class has its tier.
  assert.deepEqual(
    doc.TIER.map((t: { TIER_ID: string }) => t.TIER_ID),
    ['speech_male', 'speech_female', 'crowd', 'singing', 'shouting', 'crying', 'breathing', 'laughter', 'laughter-2'],
  );
  assert.equal(doc.LINGUISTIC_TYPE.LINGUISTIC_TYPE_ID, 'default-lt');
});

/** As Praat's "Save as short text file" writes it: an interval tier with gaps and a point tier. */
const PRAAT_SHORT = `File type = "ooTextFile"
Object class = "TextGrid"

0
4.2
<exists>
2
"IntervalTier"
"laughter"
0
4.2
4
0
0.5
""
0.5
1.25
"giggle"
1.25
2
"Crying"
2
4.2
"cough ""dry"""
"TextTier"
"Sounds"
0
4.2
2
3.5
"breathing"
3.9
"click"
`;

test('TextGrid short form: gaps skipped, text then tier name as class, a point becomes a 1 ms event, other text reported', () => {
  const { format, events, skipped } = parseEventFiles('auto', [{ name: 'a.TextGrid', text: PRAAT_SHORT }]);
  assert.equal(format, 'textgrid');
  assert.deepEqual(plain(events), [
    { onset: 0.5, offset: 1.25, label: 'laughter' },
    { onset: 1.25, offset: 2, label: 'crying' },
    { onset: 2, offset: 4.2, label: 'laughter' },
    { onset: 3.5, offset: 3.501, label: 'breathing' },
  ]);
  assert.equal(events[0].at, 'a.TextGrid line 16');
  assert.deepEqual(skipped, { count: 1, examples: ["Sounds: 'click'"] });
});

/** As Praat writes a long-form TextGrid holding non-ASCII text: UTF-16 with a byte-order mark. */
const PRAAT_LONG = `File type = "ooTextFile"
Object class = "TextGrid"

xmin = 0 
xmax = 3 
tiers? <exists> 
size = 1 
item []: 
    item [1]:
        class = "IntervalTier" 
        name = "Sprecher" 
        xmin = 0 
        xmax = 3 
        intervals: size = 3 
        intervals [1]:
            xmin = 0 
            xmax = 1 
            text = "speech male" 
        intervals [2]:
            xmin = 1 
            xmax = 2 
            text = "Gelächter" 
        intervals [3]:
            xmin = 2 
            xmax = 3 
            text = "" 
`;

test('TextGrid long form in UTF-16 (either byte order) decodes by its BOM and reads', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PRAAT_LONG, 'utf16le')]);
  const be = Buffer.from(le).swap16();
  for (const bytes of [le, be]) {
    const text = decodeText(bytes);
    const { events, skipped } = parseEventFiles('auto', [{ name: 'b.TextGrid', text }]);
    assert.deepEqual(plain(events), [{ onset: 0, offset: 1, label: 'speech_male' }]);
    assert.deepEqual(skipped, { count: 1, examples: ["Sprecher: 'Gelächter'"] });
  }
  assert.equal(decodeText(Buffer.from('\uFEFFx', 'utf8')), 'x');
});

test('TextGrid refusals name the file and line', () => {
  const grid = (text: string) => () => parseEventFiles('textgrid', [{ name: 'c.TextGrid', text }]);
  assert.throws(grid(PRAAT_SHORT.replace('1.25\n"giggle"', 'one\n"giggle"')), /^AppError: c\.TextGrid line 17: unexpected 'o' in a TextGrid$/);
  assert.throws(grid(PRAAT_SHORT.replace('"IntervalTier"\n"laughter"\n0', '"IntervalTier"\n"laughter"\n"0"')), /c\.TextGrid line 10: expected the tier xmin, found '0'/);
  assert.throws(grid(PRAAT_SHORT.replace('1.25\n2\n"Crying"', '2\n1.25\n"Crying"')), /c\.TextGrid line 19: interval ends at 1\.25, not after its start 2/);
  assert.throws(grid(PRAAT_SHORT.slice(0, 200)), /c\.TextGrid: ends where/);
  assert.throws(grid('File type = "ooTextFile"\nObject class = "Sound"\n'), /c\.TextGrid line 2: not a TextGrid/);
});

/** As NOVA saves a discrete annotation: header and `~` data. */
const NOVA_HEADER = `<?xml version="1.0" ?>
<annotation ssi-v="3">
    <info ftype="ASCII" size="3" />
    <meta annotator="anna" role="expert"/>
    <scheme name="events" type="DISCRETE" color="#FFDDD9C3">
        <item name="laughter" id="0" color="#FF1F77B4" />
        <item name="Speech Female" id="1" color="#FFD62728" />
        <item name="music" id="2" color="#FF2CA02C" />
    </scheme>
</annotation>
`;
const NOVA_DATA = '0.64;1.92;0;1.0\n2.0;3.5;1;0.8\n4;5;2;1\n';

test('NOVA: the pair reads, item names give the class, other items reported', () => {
  const files = [
    { name: 'anna.annotation', text: NOVA_HEADER },
    { name: 'anna.annotation~', text: NOVA_DATA },
  ];
  const { format, events, skipped } = parseEventFiles('auto', files);
  assert.equal(format, 'nova');
  assert.deepEqual(plain(events), [
    { onset: 0.64, offset: 1.92, label: 'laughter' },
    { onset: 2, offset: 3.5, label: 'speech_female' },
  ]);
  assert.deepEqual(skipped, { count: 1, examples: ["'music'"] });
  assert.deepEqual(events.map((e) => e.confidence), [1, 0.8], 'the confidence column is kept');
  const [, data] = writeEventFiles('nova', [{ onset: 1, offset: 2, label: 'crying', confidence: 0.42 }, { onset: 3, offset: 4, label: 'crying', confidence: null }], 'c.annotation', { duration: 5 });
  assert.equal(data.text, '1;2;5;0.42\n3;4;5;1\n', "a detector's confidence goes out; a person's event is sure");
  const nova = (header: string, data: string) => () => parseEventFiles('nova', [{ name: 'n.annotation', text: header }, { name: 'n.annotation~', text: data }]);
  assert.throws(nova(NOVA_HEADER, NOVA_DATA.replace('2.0;3.5;1;0.8', '2.0;3.5;7;0.8')), /n\.annotation~ line 2: label id 7 is not an item/);
  assert.throws(nova(NOVA_HEADER, NOVA_DATA.replace('4;5;2;1', '4;5;x;1')), /n\.annotation~ line 3: expected 'start;end;labelId;confidence'/);
  assert.throws(nova(NOVA_HEADER, NOVA_DATA.replace('2.0;3.5;1;0.8', '2.0;3.5;1;1.5')), /n\.annotation~ line 2: confidence 1\.5 lies outside 0–1/);
  assert.throws(nova(NOVA_HEADER, '0;1;0;1\n'), /n\.annotation~: 1 lines, but its header n\.annotation says size="3"/);
  assert.throws(nova(NOVA_HEADER.replace('DISCRETE', 'CONTINUOUS'), NOVA_DATA), /n\.annotation: <scheme type="CONTINUOUS">; sound events need a DISCRETE scheme/);
  assert.throws(() => parseEventFiles('nova', [files[0]]), /a NOVA annotation is two files/);
});

test('every format round-trips labels and times to the millisecond, overlaps included', () => {
  const items: EventListItem[] = [
    { onset: 0.001, offset: 0.734, label: 'speech_male' },
    { onset: 0.5, offset: 1.25, label: 'speech_male' },
    { onset: 2.017, offset: 3.999, label: 'laughter' },
    { onset: 3.999, offset: 4.5, label: 'laughter' },
    { onset: 7.333, offset: 9.999, label: 'crowd' },
    { onset: 5, offset: 6, label: 'breathing' },
  ];
  const ms = (e: EventListItem[]) => e.map((x) => `${Math.round(x.onset * 1000)}-${Math.round(x.offset * 1000)} ${x.label}`).sort();
  for (const format of EVENT_LIST_FORMATS) {
    const files = writeEventFiles(format, items, `film${format === 'nova' ? '.annotation' : ''}`, { duration: 10 });
    const back = parseEventFiles(format, files);
    assert.deepEqual(ms(back.events), ms(items), format);
    assert.equal(back.skipped.count, 0, format);
    assert.deepEqual(parseEventFiles('auto', files.map((f) => ({ ...f, name: `x${f.name.replace(/^film/, '')}` }))).events.length, items.length, format);
  }
});

test('the TextGrid export covers the film with one interval tier per class, gaps empty', () => {
  const [file] = writeEventFiles('textgrid', [{ onset: 1, offset: 2, label: 'crying' }], 'a.TextGrid', { duration: 5 });
  assert.match(file.text, /^File type = "ooTextFile"\nObject class = "TextGrid"\n\nxmin = 0 \nxmax = 5 \ntiers\? <exists> \nsize = 8 \nitem \[\]: \n/);
  assert.match(file.text, /name = "crying" \n {8}xmin = 0 \n {8}xmax = 5 \n {8}intervals: size = 3 \n/);
  assert.match(file.text, /xmin = 1 \n {12}xmax = 2 \n {12}text = "crying" \n/);
});

test('format detection by name, then by content', () => {
  const d = (name: string, text = '') => detectFormat([{ name, text }]);
  assert.equal(d('x.EAF'), 'eaf');
  assert.equal(d('x', '<?xml version="1.0"?>\n<ANNOTATION_DOCUMENT>'), 'eaf');
  assert.equal(d('x', '\uFEFFFile type = "ooTextFile"'), 'textgrid');
  assert.equal(d('x', '<?xml version="1.0" ?>\n<annotation ssi-v="3">'), 'nova');
  assert.equal(d('labels.txt', '1\t2\tcrying'), 'audacity');
  assert.equal(d('events.tsv', 'onset\toffset\tevent_label'), 'tsv');
});

test('an event past the film is refused naming where it came from', () => {
  const { events } = parseEventFiles('tsv', [{ name: 'e.tsv', text: '1\t2\tcrying\n9\t11\tcrying\n' }]);
  assert.throws(() => checkInFilm(events, 10), /^AppError: e\.tsv line 2: event 9\.000–11\.000 s lies outside the movie/);
  checkInFilm(events.slice(0, 1), 10);
});

test('Audacity: a spectral-selection line is ignored and a point label becomes a 1 ms event', () => {
  const { events } = parseEventFiles('audacity', [{ name: 'l.txt', text: '1.000000\t2.000000\tcrying\n\\\t120.5\t3400.0\n3.5\t3.5\tlaughter\n' }]);
  assert.deepEqual(plain(events), [
    { onset: 1, offset: 2, label: 'crying' },
    { onset: 3.5, offset: 3.501, label: 'laughter' },
  ]);
});
