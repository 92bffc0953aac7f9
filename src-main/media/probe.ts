/** Reads a media file's streams with ffprobe and says plainly why a file cannot be used. */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { AudioStreamInfo, VideoStreamInfo } from '../contract/domain.js';
import { badMedia, badRequest } from '../contract/errors.js';
import { firstLine } from './decode-audio.js';
import { ffmpegBinaries } from './ffmpeg-binaries.js';

export interface MediaInfo {
  path: string;
  sizeBytes: number;
  duration: number;
  fps: number | null;
  audio: AudioStreamInfo | null;
  video: VideoStreamInfo | null;
  format: string;
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  sample_rate?: string;
  channels?: number;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
}

interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { duration?: string; format_name?: string };
}

function rate(fraction: string | undefined): number | null {
  if (!fraction) return null;
  const [n, d] = fraction.split('/').map(Number);
  const r = d ? n / d : n;
  return Number.isFinite(r) && r > 0 && r < 1000 ? r : null;
}

function runFfprobe(path: string): Promise<FfprobeOutput> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path];
  return new Promise((resolve, reject) => {
    execFile(ffmpegBinaries().ffprobe, args, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const reason = firstLine(stderr) || err.message;
        reject(badMedia(`${basename(path)} is not a media file ffmpeg can read (${reason.replace(`${path}: `, '')})`));
        return;
      }
      try {
        resolve(JSON.parse(stdout) as FfprobeOutput);
      } catch {
        reject(badMedia(`ffprobe gave unreadable output for ${basename(path)}`));
      }
    });
  });
}

/** Probes a file the app is asked to import; rejects anything without a usable soundtrack. */
export async function probeMedia(path: string): Promise<MediaInfo> {
  if (!existsSync(path)) throw badRequest(`file not found: ${path}`);
  const stat = statSync(path);
  if (!stat.isFile()) throw badRequest(`${path} is not a file`);
  if (stat.size === 0) throw badMedia(`${basename(path)} is empty (0 bytes)`);

  const out = await runFfprobe(path);
  const streams = out.streams ?? [];
  const a = streams.find((s) => s.codec_type === 'audio');
  // Cover art in audio files is a 'video' stream too; it is not a picture track.
  const v = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  if (!a && !v) throw badMedia(`${basename(path)} has neither an audio nor a video stream`);
  if (!a) throw badMedia(`${basename(path)} has no audio track; Valence Studio needs the soundtrack to analyse a film`);

  const duration = Number(out.format?.duration ?? a.duration ?? v?.duration ?? NaN);
  if (!Number.isFinite(duration) || duration <= 0) {
    throw badMedia(`${basename(path)} has no readable duration (the file may be truncated or damaged)`);
  }
  const fps = v ? (rate(v.avg_frame_rate) ?? rate(v.r_frame_rate)) : null;
  return {
    path,
    sizeBytes: stat.size,
    duration,
    fps,
    format: out.format?.format_name ?? 'unknown',
    audio: { codec: a.codec_name ?? 'unknown', sampleRate: Number(a.sample_rate ?? 0), channels: a.channels ?? 0 },
    video: v ? { codec: v.codec_name ?? 'unknown', width: v.width ?? 0, height: v.height ?? 0, fps: fps ?? 0 } : null,
  };
}
