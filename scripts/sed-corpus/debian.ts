// apt / dpkg / unzip plumbing: fetch and unpack one package, list its audio.
// Every step leaves a marker file so a re-run skips work already done.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const AUDIO_EXT = /\.(ogg|wav|flac|mp3|opus|oga)$/i;
const ARCHIVE_EXT = /\.(pk3|zip)$/i;
const UNZIP_DIR = '.unzipped';

/** Fails unless the package exists in Debian main (main implies a DFSG-free licence). */
export function aptInfo(pkg: string): { version: string; filename: string } {
  const out = execFileSync('apt-cache', ['show', '--no-all-versions', pkg], { encoding: 'utf8' });
  const version = /^Version: (.+)$/m.exec(out)?.[1] ?? '?';
  const filename = /^Filename: (.+)$/m.exec(out)?.[1] ?? '';
  if (!filename.startsWith('pool/main/')) throw new Error(`${pkg} is not in Debian main (${filename})`);
  return { version, filename };
}

/** apt-get download + dpkg-deb -x into <out>/pkgs/<pkg>/ (skipped when already done). */
export function fetchAndExtract(out: string, pkg: string): string {
  const dest = join(out, 'pkgs', pkg);
  if (existsSync(join(dest, '.extracted-ok'))) return dest;
  const debs = join(out, 'debs');
  mkdirSync(debs, { recursive: true });
  const findDeb = () => readdirSync(debs).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
  if (!findDeb()) {
    console.log(`[apt] downloading ${pkg}`);
    execFileSync('apt-get', ['download', '-q', pkg], { cwd: debs, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const deb = findDeb();
  if (!deb) throw new Error(`apt-get download ${pkg} produced no .deb`);
  // Unpack into a temp dir and rename, so an interrupted run never looks complete.
  const tmp = `${dest}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  console.log(`[dpkg] extracting ${deb}`);
  execFileSync('dpkg-deb', ['-x', join(debs, deb), tmp]);
  writeFileSync(join(tmp, '.extracted-ok'), `${deb}\n`);
  renameSync(tmp, dest);
  return dest;
}

export interface AudioFile {
  /** Path inside the package ("usr/share/x.ogg" or "usr/share/a.zip:snd/x.ogg"). */
  sourcePath: string;
  /** Where the file is on disk (archive members are unpacked under pkgs/<pkg>/.unzipped/). */
  diskPath: string;
}

function walk(dir: string, acc: string[]): string[] {
  for (const name of readdirSync(dir)) {
    if (name === UNZIP_DIR) continue;
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue; // dangling symlink
    if (st.isDirectory()) walk(p, acc);
    else if (st.isFile()) acc.push(p);
  }
  return acc;
}

/** Lists plain audio files and the audio members of .zip/.pk3 archives (unpacked on demand). */
export function listAudio(root: string, wanted: (sourcePath: string) => boolean): AudioFile[] {
  const files = walk(root, []).sort();
  const result: AudioFile[] = [];
  for (const abs of files) {
    const rel = relative(root, abs);
    if (AUDIO_EXT.test(rel)) {
      if (!wanted(rel)) continue;
      result.push({ sourcePath: rel, diskPath: abs });
    } else if (ARCHIVE_EXT.test(rel)) {
      const members = execFileSync('unzip', ['-Z1', abs], { encoding: 'utf8', maxBuffer: 256 << 20 })
        .split('\n').filter((m) => AUDIO_EXT.test(m) && wanted(`${rel}:${m}`)).sort();
      if (!members.length) continue;
      const target = join(root, UNZIP_DIR, rel);
      // Unpack only the members not on disk yet (idempotent, and cheap when rules change).
      const missing = members.filter((m) => !existsSync(join(target, m)));
      mkdirSync(target, { recursive: true });
      for (let i = 0; i < missing.length; i += 500) { // chunks keep argv under ARG_MAX
        const r = spawnSync('unzip', ['-qq', '-o', abs, ...missing.slice(i, i + 500), '-d', target]);
        if (r.status !== 0) throw new Error(`unzip ${rel} failed: ${r.stderr.toString().slice(-300)}`);
      }
      for (const m of members) result.push({ sourcePath: `${rel}:${m}`, diskPath: join(target, m) });
    }
  }
  return result;
}
