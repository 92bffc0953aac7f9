/**
 * One decode of the soundtrack feeding every audio stage: the emobase2010 descriptors and, when a
 * detector is given, both sound event detectors. Each stage writes its own descriptor set chunk by
 * chunk as it goes; decoding starts before the earliest frame any stage still needs by that stage's
 * warm-up, and stages that already hold a frame drop it, so an interrupted run resumes after its last
 * complete chunk with the rows an uninterrupted run would have stored.
 */
import { VALENCE_RATE_HZ, type EventGroup, type Movie } from '../contract/domain.js';
import { badMedia } from '../contract/errors.js';
import type { TaskContext } from '../util/task-context.js';
import { decodeAudioChunks } from '../media/decode-audio.js';
import type { SoundEventDetector, SedFrames } from '../sed/detector.js';
import { GROUPS } from '../sed/detector.js';
import type { Project } from '../store/project.js';
import type { DescriptorSetInfo } from '../store/repos/descriptors.js';
import { audioDescriptorSpec, createAudioDescriptorStage, warmupStartFrame } from './audio-descriptors.js';
import { DescriptorSink } from './descriptor-sink.js';
import { sedDescriptorSpec, sedRows } from './sed-descriptors.js';
import { ANALYSIS_SAMPLE_RATE } from '../media/audio-rate.js';
import { UNMEASURED, type CpuMeter } from './workers/stage-cpu.js';

const SAMPLES_PER_FRAME = ANALYSIS_SAMPLE_RATE / VALENCE_RATE_HZ;

export interface AudioPathResult {
  audio: DescriptorSetInfo;
  sed: Record<EventGroup, DescriptorSetInfo> | null;
}

/** The audio stages of one film, ready to be fed 16 kHz PCM from a decode starting at any frame. */
export interface AudioPath {
  /** First 25 Hz frame a stage still needs (before warm-up); null when every set is complete. */
  firstNeeded: number | null;
  /** Where decoding should start for that: before firstNeeded by the stages' warm-up. */
  startFrame: number | null;
  begin(startFrame: number): AudioRun;
}

export interface AudioRun {
  push(chunk: Float32Array): Promise<void>;
  finish(): Promise<AudioPathResult>;
}

export function openAudioPath(
  project: Project, movie: Movie, detector: SoundEventDetector | null, onProgress: (fraction: number) => void, cpu: CpuMeter = UNMEASURED,
): AudioPath {
  const repo = project.descriptors;
  const total = Math.ceil(movie.duration * VALENCE_RATE_HZ);
  const audioSet = repo.open(audioDescriptorSpec(movie.id, movie.contentHash));
  const sedSets = detector
    ? (Object.fromEntries(GROUPS.map((g) => [g, repo.open(sedDescriptorSpec(movie.id, movie.contentHash, g, detector.models[g]))])) as Record<EventGroup, DescriptorSetInfo>)
    : null;
  const result = (): AudioPathResult => ({
    audio: repo.get(audioSet.id),
    sed: sedSets && (Object.fromEntries(GROUPS.map((g) => [g, repo.get(sedSets[g].id)])) as Record<EventGroup, DescriptorSetInfo>),
  });
  const sedPending = sedSets ? Object.values(sedSets).filter((s) => !s.complete) : [];
  const pending = [audioSet, ...sedPending].filter((s) => !s.complete);
  const firstNeeded = pending.length ? Math.min(...pending.map((s) => s.frames)) : null;
  const starts = [
    ...(audioSet.complete ? [] : [warmupStartFrame(audioSet.frames)]),
    ...(detector && sedPending.length ? [detector.resumeFrame(Math.min(...sedPending.map((s) => s.frames)))] : []),
  ];
  const startFrame = starts.length ? Math.min(...starts) : null;

  const begin = (start: number): AudioRun => {
    const sinks = new Map(pending.map((s) => [s.id, new DescriptorSink(repo, s)]));
    const keep = (sink: DescriptorSink | undefined) => (frame: number, row: Float32Array) => {
      if (sink && frame < total) sink.write(frame, row);
    };
    const audioSink = sinks.get(audioSet.id);
    const emobase = audioSink ? createAudioDescriptorStage(start, keep(audioSink)) : null;
    // The detectors start on their step grid: the samples before its first point are not theirs.
    const sedStart = detector ? Math.ceil(start / detector.startGrid) * detector.startGrid : start;
    let sedSkip = (sedStart - start) * SAMPLES_PER_FRAME;
    const session = sedSets && detector && sedPending.length ? detector.session({ startFrame: sedStart }) : null;
    const storeSed = (block: SedFrames) => {
      for (const g of GROUPS) {
        const sink = sinks.get(sedSets![g].id);
        if (!sink) continue;
        const width = sedSets![g].dims;
        const rows = sedRows(block.groups[g], block.count);
        for (let i = 0; i < block.count; i++) keep(sink)(sedStart + block.start + i, rows.subarray(i * width, (i + 1) * width));
      }
    };
    let decoded = 0;
    return {
      async push(chunk) {
        if (emobase) cpu.time('audio', () => emobase.push(chunk));
        const sed = chunk.subarray(Math.min(sedSkip, chunk.length));
        sedSkip -= chunk.length - sed.length;
        if (session && sed.length > 0) await cpu.timeAsync('sound events', async () => storeSed(await session.push(sed)));
        decoded += chunk.length;
        onProgress(Math.min(1, (start + (decoded / ANALYSIS_SAMPLE_RATE) * VALENCE_RATE_HZ) / total));
      },
      async finish() {
        if (emobase) cpu.time('audio', () => emobase.finish());
        if (session) await cpu.timeAsync('sound events', async () => storeSed(await session.finish()));
        for (const [, sink] of sinks) {
          try {
            sink.finish(total);
          } catch {
            throw badMedia(`${movie.title} is shorter than one 400 ms analysis window; it has no audio descriptors`);
          }
        }
        onProgress(1);
        return result();
      },
    };
  };
  return { firstNeeded, startFrame, begin: firstNeeded === null ? () => ({ push: async () => {}, finish: async () => result() }) : begin };
}

/** Decodes the soundtrack on its own (no picture) through the audio stages. */
export async function runAudioPath(
  project: Project,
  movie: Movie,
  detector: SoundEventDetector | null,
  ctx: Pick<TaskContext, 'signal' | 'throwIfCancelled'>,
  onProgress: (fraction: number) => void,
): Promise<AudioPathResult> {
  const path = openAudioPath(project, movie, detector, onProgress);
  const start = path.startFrame;
  const run = path.begin(start ?? 0);
  if (start === null) return run.finish();
  await decodeAudioChunks(
    movie.path,
    (chunk) => {
      ctx.throwIfCancelled();
      return run.push(chunk);
    },
    { sampleRate: ANALYSIS_SAMPLE_RATE, chunkSamples: ANALYSIS_SAMPLE_RATE * 4, signal: ctx.signal, start: start / VALENCE_RATE_HZ },
  );
  return run.finish();
}
