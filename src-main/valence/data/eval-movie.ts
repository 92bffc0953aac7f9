/**
 * A labelled movie as leave-one-movie-out evaluation sees it: a training sample at the frame
 * stride, kept in memory for the whole grid, and full-rate reads for testing.
 */
import type { EventClass, SoundEvent } from '../../contract/domain.js';
import type { FrameTable } from './frame-table.js';

export interface EvalMovie {
  id: number;
  title: string;
  /** 25 Hz frames with labels and every input. */
  frames: number;
  /** Continuous valence per frame. */
  valence: Float32Array;
  /** Class 1..7 per frame. */
  classes: Uint8Array;
  /** Reference events (annotated, else detected), for Table I. */
  events: Pick<SoundEvent, 'label' | 'onset' | 'offset'>[];
  /** Per event class, 1 on frames inside an event. */
  masks: Map<EventClass, Uint8Array>;
  /** Rows every `stride` frames from frame 0, every modality the grid needs. */
  sampled: FrameTable;
  /** Rows from, from + stride, … below `to`. */
  read(from: number, to: number, stride: number): FrameTable;
}
