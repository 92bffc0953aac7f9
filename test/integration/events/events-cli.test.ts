/**
 * `import-events` and `export-events` on a project with one 10 s film, through the real CLI: each
 * format's export imports back to the same events, files written by hand in each tool's conventions
 * import, and every refusal is one line naming the file and line (or element) with the project left
 * byte-for-byte as it was.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project } from '../../../src-main/store/project.js';
import { REPO_ROOT, tempDir } from '../../helpers/media.js';

const CLI = join(REPO_ROOT, 'bin', 'valence-studio.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function newProject(): { dir: string; path: string } {
  const dir = tempDir('vs-events-cli-');
  const path = join(dir, 'p.vsproj');
  const p = Project.open(path);
  p.movies.insert({ path: join(dir, 'film.mp4'), title: 'film', contentHash: 'h', sizeBytes: 1, duration: 10, fps: 25, audio: null, video: null });
  p.close();
  return { dir, path };
}

/** The film's events as `onset-offset label` in ms, sorted. */
function events(path: string): string[] {
  const p = Project.open(path, { create: false });
  try {
    return p.events.list(1).map((e) => `${Math.round(e.onset * 1000)}-${Math.round(e.offset * 1000)} ${e.label}`).sort();
  } finally {
    p.close();
  }
}

function file(dir: string, name: string, text: string | Buffer): string {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

const SEED = 'onset\toffset\tevent_label\n0.125\t1.5\tspeech_female\n1.000\t2.250\tspeech_female\n3.333\t4.001\tlaughter\n9.5\t10\tcrowd\n';

test('every format exports and imports back to the same events, to the millisecond', () => {
  const { dir, path } = newProject();
  const seeded = cli('import-events', '--project', path, '--movie', '1', file(dir, 'seed.tsv', SEED));
  assert.equal(seeded.status, 0, seeded.stderr);
  assert.match(seeded.stdout, /^imported 4 events onto movie 1 from .*seed\.tsv$/m);
  const expected = events(path);
  assert.deepEqual(expected, ['1000-2250 speech_female', '125-1500 speech_female', '3333-4001 laughter', '9500-10000 crowd']);
  for (const [format, name] of [['dcase', 'out.tsv'], ['audacity', 'out.txt'], ['eaf', 'out.eaf'], ['textgrid', 'out.TextGrid'], ['nova', 'out.annotation']]) {
    const out = join(dir, name);
    const exported = cli('export-events', '--project', path, '--movie', '1', '--format', format, '--out', out);
    assert.equal(exported.status, 0, exported.stderr);
    const fresh = newProject();
    // The NOVA data file `out.annotation~` is found beside its header.
    const imported = cli('import-events', '--project', fresh.path, '--movie', '1', out);
    assert.equal(imported.status, 0, `${format}: ${imported.stderr}`);
    assert.deepEqual(events(fresh.path), expected, format);
  }
  assert.match(readFileSync(join(dir, 'out.tsv'), 'utf8'), /^onset\toffset\tevent_label\n/);
  assert.match(readFileSync(join(dir, 'out.annotation~'), 'utf8'), /^0\.125;1\.5;1;1\n/);
});

test('hand-written files in each tool\'s conventions import; what is not a class is reported', () => {
  const { dir, path } = newProject();
  const elan = file(
    dir,
    'anna.eaf',
    `<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="" DATE="2024-05-02T10:11:12+02:00" FORMAT="2.7" VERSION="2.7" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv2.7.xsd">
    <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">
        <MEDIA_DESCRIPTOR MEDIA_URL="file:///film.mp4" MIME_TYPE="video/mp4" TIME_ORIGIN="1000"/>
    </HEADER>
    <TIME_ORDER>
        <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="0"/>
        <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="1200"/>
    </TIME_ORDER>
    <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="shouting">
        <ANNOTATION>
            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
                <ANNOTATION_VALUE>Hey!</ANNOTATION_VALUE>
            </ALIGNABLE_ANNOTATION>
        </ANNOTATION>
    </TIER>
    <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="comments">
        <ANNOTATION>
            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
                <ANNOTATION_VALUE>door</ANNOTATION_VALUE>
            </ALIGNABLE_ANNOTATION>
        </ANNOTATION>
    </TIER>
    <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="default-lt" TIME_ALIGNABLE="true"/>
</ANNOTATION_DOCUMENT>
`,
  );
  const r = cli('import-events', '--project', path, '--movie', '1', elan);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^1 annotation not of the eight classes skipped, e\.g\. comments: 'door'$/m);
  assert.deepEqual(events(path), ['1000-2200 shouting']);

  // Praat's short text form, saved as UTF-16 (little-endian, BOM) because of its non-ASCII tier name.
  const grid = 'File type = "ooTextFile"\nObject class = "TextGrid"\n\n0\n10\n<exists>\n1\n"IntervalTier"\n"Weinen ä"\n0\n10\n3\n0\n2\n""\n2\n3.5\n"crying"\n3.5\n10\n""\n';
  const utf16 = file(dir, 'b.TextGrid', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(grid, 'utf16le')]));
  const t = cli('import-events', '--project', path, '--movie', '1', '--format', 'textgrid', utf16);
  assert.equal(t.status, 0, t.stderr);
  assert.deepEqual(events(path), ['1000-2200 shouting', '2000-3500 crying']);

  const header = file(
    dir,
    'c.annotation',
    '<?xml version="1.0" ?>\n<annotation ssi-v="3">\n    <info ftype="ASCII" size="1" />\n    <meta annotator="c" />\n    <scheme name="voice" type="DISCRETE" color="#FFFFFFFF">\n        <item name="singing" id="0" color="#FF000000" />\n    </scheme>\n</annotation>\n',
  );
  file(dir, 'c.annotation~', '5.5;6.25;0;0.9\n');
  const n = cli('import-events', '--project', path, '--movie', '1', header);
  assert.equal(n.status, 0, n.stderr);
  assert.deepEqual(events(path), ['1000-2200 shouting', '2000-3500 crying', '5500-6250 singing']);

  const aud = cli('import-events', '--project', path, '--movie', '1', file(dir, 'd.txt', '7.000000\t8.000000\tbreathing\n\\\t200.000000\t4000.000000\n'));
  assert.equal(aud.status, 0, aud.stderr);
  assert.equal(events(path).length, 4);
});

test('bad files are refused naming the file and line or element, and the project is untouched', () => {
  const { dir, path } = newProject();
  assert.equal(cli('import-events', '--project', path, '--movie', '1', file(dir, 'ok.tsv', SEED)).status, 0);
  const before = digest(path);
  const refusals: Array<[string, string | Buffer, RegExp, string[]?]> = [
    ['bad.tsv', '0\t1\tcrying\n2\t1\tcrying\n', /bad\.tsv line 2: offset 1 is not after onset 2/],
    ['late.tsv', '0\t1\tcrying\n9\t12\tcrying\n', /late\.tsv line 2: event 9\.000–12\.000 s lies outside the movie/],
    ['bad.eaf', '<ANNOTATION_DOCUMENT>\n<HEADER>\n</ANNOTATION_DOCUMENT>\n', /bad\.eaf line 3: not well-formed XML/],
    ['slot.eaf', '<ANNOTATION_DOCUMENT><TIME_ORDER/><TIER TIER_ID="crying"><ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a7" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2"><ANNOTATION_VALUE/></ALIGNABLE_ANNOTATION></ANNOTATION></TIER></ANNOTATION_DOCUMENT>', /slot\.eaf: <ALIGNABLE_ANNOTATION ANNOTATION_ID="a7"> in tier 'crying': TIME_SLOT_REF1="ts1" names no TIME_SLOT/],
    ['bad.TextGrid', 'File type = "ooTextFile"\nObject class = "TextGrid"\n0\nten\n', /bad\.TextGrid line 4: unexpected 't'/],
    ['none.TextGrid', 'File type = "ooTextFile"\nObject class = "TextGrid"\n0\n1\n<exists>\n1\n"IntervalTier"\n"words"\n0\n1\n1\n0\n1\n"hello"\n', /none\.TextGrid: no events of the eight classes in it\. 1 annotation not of the eight classes skipped, e\.g\. words: 'hello'/],
    ['labels.txt', '1\t2\tcrying\n3\t4\tbarking\n', /labels\.txt line 2: unknown label 'barking'/, ['--format', 'audacity']],
    ['x.tsv', SEED, /--format tsv: expected one of dcase, audacity, eaf, textgrid, nova/, ['--format', 'tsv']],
  ];
  for (const [name, text, message, extra = []] of refusals) {
    const r = cli('import-events', '--project', path, '--movie', '1', ...extra, file(dir, name, text));
    assert.notEqual(r.status, 0, name);
    assert.match(r.stderr, message, name);
    assert.equal(r.stderr.trim().split('\n').length <= 2, true, `${name}: ${r.stderr}`);
    assert.equal(digest(path), before, `${name} changed the project`);
  }
  file(dir, 'n.annotation', '<annotation><info ftype="ASCII" size="1"/><scheme name="e" type="DISCRETE"><item name="crying" id="0"/></scheme></annotation>');
  file(dir, 'n.annotation~', '1;2;3;1\n');
  const n = cli('import-events', '--project', path, '--movie', '1', join(dir, 'n.annotation'));
  assert.match(n.stderr, /n\.annotation~ line 1: label id 3 is not an item/);
  assert.equal(digest(path), before);
});
