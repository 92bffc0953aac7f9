/**
 * `valence-studio <command> …`: one file per command under ./commands, loaded on demand so a quick
 * command never pays for the heavy ones. Exit codes: 0 ok, 1 failure with a one-line reason, 2 usage.
 */
import { AppError } from '../contract/errors.js';
import { setProcessLabel } from '../store/lease.js';

interface Command {
  summary: string;
  load: () => Promise<{ run(args: string[]): Promise<number> }>;
}

const commands: Record<string, Command> = {
  import: { summary: 'import --project <file> <movie>   import a movie into a project', load: () => import('./commands/import.js') },
  web: { summary: 'web [--project <file>] [--port N]   serve the app in a browser on 127.0.0.1', load: () => import('./commands/web.js') },
  analyze: {
    summary: 'analyze <movie> --project <file>   descriptors, sound events, visual, motion and valence in one job',
    load: () => import('./commands/analyze.js'),
  },
  sed: {
    summary: 'sed <audio-or-video> --out <events.tsv> [--model <dir>]   detect human sound events',
    load: () => import('./commands/sed.js'),
  },
  'sed-eval': {
    summary: 'sed-eval --ref <tsv> --est <tsv> [--json]   sed_eval segment- and event-based metrics',
    load: () => import('./commands/sed-eval.js'),
  },
  'train-sed': {
    summary: 'train-sed …   train a sound event detector (see --help)',
    load: () => import('./commands/train-sed.js'),
  },
  'import-valence': {
    summary:
      'import-valence --project <file> --movie <id-or-path> [--rater <name>] [--format auto|cognimuse|csv|carma|nova] <files…>   one rater trace per file',
    load: () => import('./commands/import-valence.js'),
  },
  'export-valence': {
    summary: 'export-valence --project <file> --movie <id-or-path> --rater <name>|--mean --format csv|carma|nova|cognimuse --out <path>   a trace at 25 Hz',
    load: () => import('./commands/export-valence.js'),
  },
  'import-events': {
    summary: 'import-events --project <file> --movie <id-or-path> [--format auto|dcase|audacity|eaf|textgrid|nova] <file>   sound events from another tool',
    load: () => import('./commands/import-events.js'),
  },
  'export-events': {
    summary: 'export-events --project <file> --movie <id-or-path> --format dcase|audacity|eaf|textgrid|nova --out <path>   the film\'s sound events for another tool',
    load: () => import('./commands/export-events.js'),
  },
  agreement: {
    summary: "agreement --project <file> --movie <id-or-path> [--json]   inter-rater agreement of the film's annotation traces",
    load: () => import('./commands/agreement.js'),
  },
  features: {
    summary: 'features emobase2010 <audio-or-video> --out <file.csv> [--whole] [--lld <file.csv>]',
    load: () => import('./commands/features.js'),
  },
  evaluate: {
    summary: 'evaluate --project <file> [--models all|…] [--events none,verbal,nonverbal,all] --out <dir>   Table II grid, leave-one-movie-out',
    load: () => import('./commands/evaluate.js'),
  },
  'train-valence': {
    summary: 'train-valence --project <file> --model <architecture> [--events …]   train a valence model on the project',
    load: () => import('./commands/train-valence.js'),
  },
  predict: {
    summary: 'predict --project <file> --model <version-or-id> --movie <id-or-path>   store a valence prediction',
    load: () => import('./commands/predict.js'),
  },
  models: {
    summary: 'models list [--json] | activate <version> | revert <role> | rename <version> <name> | delete <version> | compare <a> <b> [--movie M]  --project <file>   the model registry',
    load: () => import('./commands/models.js'),
  },
  shares: {
    summary: 'shares --project <file> --movie <id-or-path> [--series <id>] [--json]   why the predicted valence moved: each input\'s share',
    load: () => import('./commands/shares.js'),
  },
  doctor: {
    summary: 'doctor [--project <file>] [--json]   ffmpeg/ffprobe, ML backend, models, Electron/Chromium, project lease',
    load: () => import('./commands/doctor.js'),
  },
};

function usage(): string {
  return ['usage: valence-studio <command> [options]', '', ...Object.values(commands).map((c) => `  ${c.summary}`)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`valence-studio: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  setProcessLabel(`valence-studio ${name}`);
  try {
    return await (await command.load()).run(rest);
  } catch (err) {
    // One line, never a stack trace, for anything a person can act on.
    const message = err instanceof AppError || err instanceof Error ? err.message : String(err);
    console.error(`valence-studio ${name}: ${message.split('\n')[0]}`);
    if (process.env.VALENCE_DEBUG && err instanceof Error) console.error(err.stack);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// Commands that serve (web) keep the process alive themselves and return -1.
if (code >= 0) process.exit(code);
