/**
 * A detector on disk: a folder with `model.json` (architecture, config, post-processing, version,
 * training summary, validation metrics, weights manifest) and `weights.bin` (float32, little-endian,
 * in manifest order). Two architectures: the paper's attentive CBRNN on log-mels, and the tagger
 * head over the frozen AudioSet tagger. Loading checks the architecture and format before touching
 * the weights.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { badRequest, notFound } from '../../contract/errors.js';
import type { ClassPostprocess } from '../postprocess.js';
import { HEAD_ARCHITECTURE, checkHeadConfig, type HeadConfig } from '../head/config.js';
import { TaggerHead } from '../head/head-model.js';
import { Cbrnn } from './cbrnn.js';
import { checkConfig, type CbrnnConfig } from './config.js';

/** Either detector network; both give frame logits, attention logits and a 2·gruUnits embedding. */
export type DetectorNet = Cbrnn | TaggerHead;
export type DetectorConfig = CbrnnConfig | HeadConfig;

export const isHead = (m: DetectorNet): m is TaggerHead => m.config.architecture === HEAD_ARCHITECTURE;

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

export interface WeightEntry {
  name: string;
  shape: number[];
  /** Float offset into weights.bin. */
  offset: number;
}

export interface ModelMeta {
  /** Shown with every event the model produces, e.g. `sed-verbal-1-3fa2c9d1`. */
  version: string;
  createdAt: string;
  /** Per class, in config.classes order. */
  postprocess: ClassPostprocess[];
  training: unknown;
  validation: unknown;
}

export interface ModelFile extends ModelMeta {
  architecture: string;
  config: DetectorConfig;
  weights: { file: string; dtype: 'float32'; entries: WeightEntry[] };
}

export interface LoadedModel {
  model: DetectorNet;
  meta: ModelMeta;
  dir: string;
}

/** Writes the folder; returns the version string (a hash of the weights makes it unique). */
export async function saveModel(dir: string, model: DetectorNet, meta: Omit<ModelMeta, 'version' | 'createdAt'>): Promise<string> {
  const named = model.namedWeights();
  const entries: WeightEntry[] = [];
  let total = 0;
  for (const [name, v] of named) {
    entries.push({ name, shape: v.shape, offset: total });
    total += v.size;
  }
  const data = new Float32Array(total);
  for (const [i, [, v]] of named.entries()) data.set(await v.data(), entries[i].offset);
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
  const config = model.getConfig();
  // Tagger heads are marked `eat` (EfficientAT) so a version says which kind made an event.
  const version = `sed-${config.group}-${isHead(model) ? 'eat' : ''}${config.formatVersion}-${hash}`;
  const file: ModelFile = {
    architecture: config.architecture,
    version,
    createdAt: new Date().toISOString(),
    config,
    postprocess: meta.postprocess,
    training: meta.training,
    validation: meta.validation,
    weights: { file: WEIGHTS_FILE, dtype: 'float32', entries },
  };
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, WEIGHTS_FILE), bytes);
  await writeFile(path.join(dir, MODEL_FILE), JSON.stringify(file, null, 1) + '\n');
  return version;
}

/** Reads model.json only: what a folder holds, without building the network. */
export async function readModelFile(dir: string): Promise<ModelFile> {
  const info = await stat(dir).catch(() => null);
  if (!info) throw notFound(`model folder not found: ${dir}`);
  if (!info.isDirectory()) throw badRequest(`not a model folder: ${dir}`);
  const text = await readFile(path.join(dir, MODEL_FILE), 'utf8').catch(() => null);
  if (text === null) throw badRequest(`${dir} is not a sound event model folder (it has no ${MODEL_FILE})`);
  let file: ModelFile;
  try {
    file = JSON.parse(text) as ModelFile;
  } catch {
    throw badRequest(`${path.join(dir, MODEL_FILE)} is not valid JSON`);
  }
  try {
    const config = { ...file.config, architecture: file.architecture ?? file.config?.architecture };
    if (config.architecture === HEAD_ARCHITECTURE) checkHeadConfig(config, dir);
    else checkConfig(config, dir);
  } catch (err) {
    throw badRequest((err as Error).message);
  }
  if (!Array.isArray(file.postprocess) || file.postprocess.length !== file.config.classes.length) {
    throw badRequest(`${dir}: post-processing settings do not match its classes`);
  }
  return file;
}

export async function loadModel(dir: string): Promise<LoadedModel> {
  const file = await readModelFile(dir);
  const buf = await readFile(path.join(dir, file.weights.file)).catch(() => null);
  if (!buf) throw badRequest(`${dir}: weights file ${file.weights.file} is missing`);
  const floats = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const tensors: Record<string, tf.Tensor> = {};
  try {
    for (const e of file.weights.entries) {
      const size = e.shape.reduce((a, b) => a * b, 1);
      if (e.offset + size > floats.length) throw badRequest(`${dir}: ${file.weights.file} is truncated`);
      tensors[e.name] = tf.tensor(floats.subarray(e.offset, e.offset + size), e.shape);
    }
    const model = file.config.architecture === HEAD_ARCHITECTURE ? TaggerHead.fromWeights(file.config, tensors) : Cbrnn.fromWeights(file.config as CbrnnConfig, tensors);
    const { version, createdAt, postprocess, training, validation } = file;
    return { model, meta: { version, createdAt, postprocess, training, validation }, dir };
  } catch (err) {
    throw err instanceof Error && err.name !== 'AppError' ? badRequest(`${dir}: ${err.message}`) : err;
  } finally {
    tf.dispose(Object.values(tensors));
  }
}
