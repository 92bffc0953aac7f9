// `npm start`: the Electron desktop app when Electron's binary is installed; otherwise one line that
// says so and points to browser mode.
import { createRequire } from 'node:module';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
let electron;
try {
  electron = require('electron');
} catch {
  console.error('Electron is not installed (its binary could not be downloaded); run `npm run web` to use Valence Studio in your browser, or `npm install electron` with network access for the desktop app.');
  process.exit(1);
}

const run = (cmd, args, env = process.env) => execFileSync(cmd, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
run('npm', ['run', 'build']);

// better-sqlite3 as installed is built for Node; Electron needs a copy built for its own ABI.
const version = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const nativeDir = resolve('.electron-native', version);
const binding = join(nativeDir, 'build', 'Release', 'better_sqlite3.node');
if (!existsSync(binding)) {
  mkdirSync(nativeDir, { recursive: true });
  cpSync(resolve('node_modules/better-sqlite3'), nativeDir, { recursive: true });
  run('npx', ['node-gyp', 'rebuild', '--release', `--directory=${nativeDir}`, `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers']);
}
const child = spawn(electron, ['.', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, VALENCE_SQLITE_BINDING: binding } });
child.on('exit', (code) => process.exit(code ?? 0));
