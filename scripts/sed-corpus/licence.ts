// Short licence summary from a Debian copyright file.
// Machine-readable (DEP-5) files list "License: <short name>" per Files
// paragraph; older free-form files are recognised by their usual GPL wording.
import { existsSync, readFileSync, realpathSync } from 'node:fs';

export function summariseCopyright(path: string): string | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(realpathSync(path), 'utf8');
  const names = new Set<string>();
  if (/^Format:/m.test(text)) {
    for (const m of text.matchAll(/^License:[ \t]*([^\n]+)$/gm)) {
      // "GPL-2+ or CC-BY-SA-3.0" stays as one expression; normalise spacing only.
      const name = m[1].trim().replace(/\s+/g, ' ');
      if (name) names.add(name);
    }
  } else {
    const t = text.replace(/\s+/g, ' ');
    const later = /or \(at your option\) any later version/i.test(t);
    for (const v of ['2', '3']) {
      if (new RegExp(`GNU (Lesser |Library )?General Public License.{0,40}version ${v}`, 'i').test(t)) {
        const lesser = new RegExp(`GNU (Lesser|Library) General Public License.{0,40}version ${v}`, 'i').test(t);
        names.add(`${lesser ? 'LGPL' : 'GPL'}-${v}${later ? '+' : ''}`);
      }
    }
    if (/Creative Commons/i.test(t)) names.add('CC (see file)');
    if (/Artistic License/i.test(t)) names.add('Artistic');
    if (/public domain/i.test(t)) names.add('public-domain');
  }
  return names.size ? [...names].join(' / ') : null;
}

interface FilesParagraph { res: RegExp[]; licence: string }

/**
 * Per-file licence lookup for DEP-5 copyright files. "Files:" globs are written
 * against the source tree, not the installed paths, so a glob may match any path
 * suffix ("sounds/ambience/*" matches ".../data/sounds/ambience/x.ogg"); as in
 * DEP-5, the last matching paragraph wins. Returns null for non-DEP-5 files.
 */
export function fileLicenceLookup(path: string): ((sourcePath: string) => string | null) | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(realpathSync(path), 'utf8');
  if (!/^Format:/m.test(text)) return null;
  const paras: FilesParagraph[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const files = /^Files:((?:.*)(?:\n[ \t].*)*)/m.exec(block)?.[1];
    const licence = /^License:[ \t]*([^\n]+)/m.exec(block)?.[1]?.trim();
    if (!files || !licence) continue;
    // Source layouts differ from install layouts ("etc/samples/x.flac" is installed as
    // ".../sonic-pi/samples/x.flac"), so leading glob folders may be dropped as long as
    // at least two path parts remain.
    const res = files.trim().split(/\s+/).flatMap((g) => {
      const parts = g.split('/');
      const variants = [g];
      for (let k = 1; parts.length - k >= 2; k++) variants.push(parts.slice(k).join('/'));
      return variants.map((v) => {
        const body = v.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
        return new RegExp(`(^|/)${body}$`);
      });
    });
    paras.push({ res, licence });
  }
  return (sourcePath) => {
    // For archive members try the member path first, then the archive itself.
    const [archive, member] = sourcePath.split(':');
    let hit: string | null = null;
    for (const p of paras) if (p.res.some((re) => re.test(member ?? archive) || re.test(archive))) hit = p.licence;
    return hit;
  };
}
