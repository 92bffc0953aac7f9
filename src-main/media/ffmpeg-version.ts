/**
 * Reads which FFmpeg a binary is from what `ffmpeg -version` / `ffprobe -version` print. Releases
 * say so on the first line ("ffmpeg version 6.1.1", "n7.1", "5.1.9-0+deb12u1"); git snapshots do
 * not ("N-66595-gc2b38619c0-static"), so for those the libavformat major stands in: each FFmpeg
 * major release since 4.0 bumped it by one (58 → 4, 59 → 5, 60 → 6, 61 → 7, 62 → 8).
 */

/** Older FFmpeg lacks years of demuxer and decoder fixes, and it is fed films from anywhere. */
export const MIN_FFMPEG_MAJOR = 6;

export interface ToolVersion {
  /** As the binary names itself: "6.1.1", "N-66595-gc2b38619c0-static". */
  label: string;
  /** The FFmpeg release line it belongs to. */
  major: number;
}

const LIBAVFORMAT_OFFSET = 54;

export function parseToolVersion(output: string): ToolVersion | null {
  const first = /^ff(?:mpeg|probe) version (\S+)/m.exec(output);
  if (!first) return null;
  const label = first[1];
  const release = /^n?(\d+)\.\d+/.exec(label);
  if (release) return { label, major: Number(release[1]) };
  const lavf = /^libavformat\s+(\d+)\./m.exec(output);
  const lavfMajor = lavf ? Number(lavf[1]) : NaN;
  return lavfMajor >= 58 ? { label, major: lavfMajor - LIBAVFORMAT_OFFSET } : null;
}

export const isMaintained = (version: ToolVersion | null): boolean => version !== null && version.major >= MIN_FFMPEG_MAJOR;

/** "6.1.1", or "N-66595-gc2b38619c0-static (FFmpeg 6 line)" where the label alone does not say. */
export function describeVersion(version: ToolVersion): string {
  return /^n?\d+\./.test(version.label) ? version.label : `${version.label} (FFmpeg ${version.major} line)`;
}
