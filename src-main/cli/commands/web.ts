import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultProjectPath, openSession, RENDERER_DIR } from '../../app/session.js';
import { badRequest } from '../../contract/errors.js';
import { describeTool } from '../../media/ffmpeg-binaries.js';
import { startBrowserServer } from '../../transports/http.js';
import { parseCommandArgs } from '../args.js';

const USAGE = 'valence-studio web [--project <file>] [--port N]';

export async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { project: { type: 'string' }, port: { type: 'string' } }, USAGE);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw badRequest(`--port must be a port number, got ${values.port}`);
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw badRequest('the renderer is not built; run `npm run build:renderer` first');
  const session = openSession(values.project ?? defaultProjectPath());
  const server = await startBrowserServer({ api: session.api, staticDir: RENDERER_DIR, port, uploadDir: session.uploadDir });
  console.log(`Valence Studio (browser mode) — project ${session.project.path}`);
  console.log(`Decoding with ${describeTool('ffmpeg')}`);
  console.log(`Open ${server.url}`);
  const stop = async () => {
    await server.close();
    session.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}
