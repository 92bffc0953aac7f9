/**
 * `features emobase2010 <audio-or-video> --out <file.csv> [--whole] [--lld <file.csv>]`: openSMILE's
 * emobase2010 set in openSMILE's CSV layout. Frame-wise rows (400 ms windows every 40 ms) by default,
 * one whole-input row with --whole; --lld also writes the 10 ms contours. The soundtrack is streamed,
 * resampled to 16 kHz and down-mixed, so any ffmpeg-readable file of any length works.
 */
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { badMedia, badRequest } from '../../contract/errors.js';
import { decodeAudioChunks } from '../../media/decode-audio.js';
import { probeMedia } from '../../media/probe.js';
import { createEmobase2010Extractor, CsvBytes, functionalsHeader, lldHeader, SAMPLE_RATE } from '../../features/emobase2010/index.js';
import { parseCommandArgs } from '../args.js';
import { progressPrinter } from '../progress.js';

const USAGE = 'valence-studio features emobase2010 <audio-or-video> --out <file.csv> [--whole] [--lld <file.csv>]';

/** A CSV written to `<path>.partial` and renamed into place only when complete. */
class CsvOutput {
  readonly rows = new CsvBytes();
  private readonly stream: WriteStream;
  private readonly temp: string;

  constructor(readonly path: string) {
    this.temp = `${path}.partial`;
    this.stream = createWriteStream(this.temp);
  }

  /** Writes what has accumulated, waiting for the disk when the stream's buffer is full. */
  async flush(): Promise<void> {
    if (this.rows.size === 0) return;
    if (!this.stream.write(this.rows.take())) await new Promise<void>((done) => this.stream.once('drain', done));
  }

  async commit(): Promise<void> {
    await this.flush();
    await new Promise<void>((done, fail) => this.stream.end((err?: Error | null) => (err ? fail(err) : done())));
    renameSync(this.temp, this.path);
  }

  discard(): void {
    this.stream.destroy();
    rmSync(this.temp, { force: true });
  }
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { out: { type: 'string' }, whole: { type: 'boolean' }, lld: { type: 'string' } },
    USAGE,
  );
  const [set, input, ...extra] = positionals;
  if (set !== 'emobase2010') throw badRequest(`unknown feature set '${set ?? ''}' (only emobase2010 is available)\nusage: ${USAGE}`);
  if (!input || extra.length > 0) throw badRequest(`give exactly one input file\nusage: ${USAGE}`);
  if (!values.out) throw badRequest(`--out is required\nusage: ${USAGE}`);

  const inputPath = resolve(input);
  const info = await probeMedia(inputPath);
  const name = basename(inputPath, extname(inputPath));
  const whole = values.whole === true;
  const out = new CsvOutput(resolve(values.out));
  const lld = values.lld ? new CsvOutput(resolve(values.lld)) : null;
  const progress = progressPrinter('emobase2010');

  let rows = 0;
  try {
    out.rows.text(functionalsHeader());
    lld?.rows.text(lldHeader());
    const extractor = createEmobase2010Extractor({
      wholeFile: whole,
      onFrame: whole
        ? undefined
        : (row, time) => {
            out.rows.functionalsRow(name, time, row);
            rows++;
          },
      onLld: lld ? (row, index, time) => lld.rows.lldRow(name, index, time, row) : undefined,
    });
    let decoded = 0;
    const total = await decodeAudioChunks(
      inputPath,
      async (chunk) => {
        extractor.push(chunk);
        decoded += chunk.length;
        progress(Math.min(1, decoded / SAMPLE_RATE / info.duration), `${(decoded / SAMPLE_RATE).toFixed(0)} s`);
        await out.flush();
        await lld?.flush();
      },
      { sampleRate: SAMPLE_RATE },
    );
    if (total === 0) throw badMedia(`${basename(inputPath)} contains no audio samples`);
    const wholeRow = extractor.finish();
    if (wholeRow) {
      out.rows.functionalsRow(name, 0, wholeRow);
      rows = 1;
    }
    await out.commit();
    await lld?.commit();
    if (process.stderr.isTTY) process.stderr.write('\n');
    const note = rows === 0 ? ' (input shorter than one 400 ms window: header only)' : '';
    console.log(`wrote ${rows} row${rows === 1 ? '' : 's'} of 1582 emobase2010 features to ${out.path}${note}`);
    return 0;
  } catch (err) {
    out.discard();
    lld?.discard();
    throw err;
  }
}
