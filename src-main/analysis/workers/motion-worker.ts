/** Worker thread running the motion stage for motion-runner.ts: grey frames in, motion rows out. */
import { createMotionStage } from '../../motion/motion-stage.js';
import type { MotionInit, MotionRows } from './motion-runner.js';
import { serveChunks } from './serve-chunks.js';

serveChunks<MotionInit, Uint8Array, MotionRows>((init, emit) => createMotionStage({ ...init, onRows: (first, rows, count) => emit({ first, rows, count }) }));
