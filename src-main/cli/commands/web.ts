import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultProjectPath, RENDERER_DIR } from '../../app/session.js';
import { Workspace } from '../../app/workspace.js';
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
  const workspace = new Workspace(values.project ?? defaultProjectPath());
  // The upload folder belongs to the project: asked per upload, so it follows a switch.
  const server = await startBrowserServer({ api: workspace, staticDir: RENDERER_DIR, port, uploadDir: () => workspace.uploadDir });
  workspace.on('project.switched', ({ path }) => console.log(`Switched to project ${path}`));
  console.log(`Valence Studio (browser mode) — project ${workspace.session.project.path}`);
  console.log(`Decoding with ${describeTool('ffmpeg')}`);
  console.log(`Open ${server.url}`);
  const stop = async () => {
    await server.close();
    workspace.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}
