/**
 * resources/models/ATTRIBUTION.md's detector section, written between markers so other models'
 * sections in the same file are kept: what the shipped detectors were made from, with every
 * source's licence and the notices that must travel with them.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const BEGIN = '<!-- sed:begin (written by npm run train:sed-default; edit outside these markers) -->';
const END = '<!-- sed:end -->';

/** Replaces the detector section of `<models>/ATTRIBUTION.md` with `body`. */
export async function writeAttributionSection(models: string, body: string): Promise<void> {
  const section = `${BEGIN}\n${body.trimEnd()}\n${END}\n`;
  const file = path.join(models, 'ATTRIBUTION.md');
  const existing = existsSync(file) ? await readFile(file, 'utf8') : '';
  const at = existing.indexOf(BEGIN);
  const end = existing.indexOf(END);
  const updated = at >= 0 && end > at ? existing.slice(0, at) + section + existing.slice(end + END.length + 1) : section + (existing ? `\n${existing}` : '');
  await mkdir(models, { recursive: true });
  await writeFile(file, updated);
}

export const HUMAN_SOUNDS_NOTICES = `- **Italian voice prompts** (\`speech_female/asterisk-it-menardi*\`) were made by Marco Menardi and
  Paola Dal Zot — http://www.voip.ammdomus.it — licensed CC BY-SA 3.0 Italy.
- The \`asterisk-prompt-fr-armelle\` prompts are Copyright (C) 2006 Michel Gutierrez; its licence
  text (retained below) must accompany redistributions.`;

export const SHARE_ALIKE_NOTE = `Several sources are share-alike (CC-BY-SA, GPL, GFDL, ODbL). Whether trained weights are a
derivative work of their training data is unsettled; the models are distributed with this notice
and under terms compatible with those licences.`;

/** The section for the tagger heads: the tagger, the human-sounds corpus and the mined Debian audio. */
export async function writeAttribution(o: { models: string; human: string; mined: string }): Promise<void> {
  const humanAttribution = await readFile(path.join(o.human, 'ATTRIBUTION.md'), 'utf8');
  const minedLicences = existsSync(path.join(o.mined, 'LICENCES.md')) ? await readFile(path.join(o.mined, 'LICENCES.md'), 'utf8') : '';
  await writeAttributionSection(
    o.models,
    `# Attribution: default sound event detectors (resources/models/sed-*, efficientat-mn04)

The detectors are small heads (\`sed-verbal/\`, \`sed-nonverbal/\`) over the frozen pretrained
tagger in \`efficientat-mn04/\`:

- **EfficientAT mn04_as** (AudioSet, 527 classes), Copyright (c) 2022 Florian Schmid, MIT licence
  (\`efficientat-mn04/LICENSE-EfficientAT-MIT.txt\`); exported to ONNX by a third party (see
  \`efficientat-mn04/PROVENANCE.md\`). AudioSet class labels (\`class_labels_indices.csv\`) from
  Google's AudioSet ontology, as redistributed with EfficientAT.

The heads were trained (\`npm run train:sed-default\`) on the human-sounds corpus mixed over real
audio with no human voice from Debian packages, and on voices from Debian packages, all listed
below with their licences. Notices that must be kept:

${HUMAN_SOUNDS_NOTICES}

${SHARE_ALIKE_NOTE}

---

${humanAttribution.trimEnd()}

---

${minedLicences.trimEnd()}
`,
  );
}
