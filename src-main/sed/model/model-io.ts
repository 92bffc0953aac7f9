/**
 * A detector as a model file (architecture, config, post-processing, version, training summary,
 * validation metrics, weights manifest) and its weights (float32, little-endian, in manifest order):
 * in memory, as the project stores it, or on disk as a folder with `model.json` and `weights.bin`. Two architectures: the paper's attentive CBRNN on log-mels, and the tagger
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
  /** Where it came from, for messages: its folder, or the project model it was read from. */
  dir: string;
}

/** A detector as bytes: what a folder holds, and what the project stores in its models table. */
export interface EncodedModel {
  file: ModelFile;
  weights: Uint8Array;
}

/** The model file and weights in memory; the version is a hash of the weights, so it is unique. */
export async function encodeModel(model: DetectorNet, meta: Omit<ModelMeta, 'version' | 'createdAt'>): Promise<EncodedModel> {
  const named = model.namedWeights();
  const entries: WeightEntry[] = [];
  let total = 0;
  for (const [name, v] of named) {
    entries.push({ name, shape: v.shape, offset: total });
    total += v.size;
  }
  const data = new Float32Array(total);
  for (const [i, [, v]] of named.entries()) data.set(await v.data(), entries[i].offset);
  const weights = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const hash = createHash('sha256').update(weights).digest('hex').slice(0, 8);
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
  return { file, weights };
}

/** Writes an encoded model as a folder (model.json + weights.bin). */
export async function writeModelFolder(dir: string, { file, weights }: EncodedModel): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, WEIGHTS_FILE), weights);
  await writeFile(path.join(dir, MODEL_FILE), JSON.stringify(file, null, 1) + '\n');
}

/** Writes the folder; returns the version string. */
export async function saveModel(dir: string, model: DetectorNet, meta: Omit<ModelMeta, 'version' | 'createdAt'>): Promise<string> {
  const encoded = await encodeModel(model, meta);
  await writeModelFolder(dir, encoded);
  return encoded.file.version;
}

/** Checks a parsed model file (from a folder or the project) before any network is built; `where` names it in errors. */
export function checkModelFile(file: ModelFile, where: string): ModelFile {
  try {
    const config = { ...file.config, architecture: file.architecture ?? file.config?.architecture };
    if (config.architecture === HEAD_ARCHITECTURE) checkHeadConfig(config, where);
    else checkConfig(config, where);
  } catch (err) {
    throw badRequest((err as Error).message);
  }
  if (!Array.isArray(file.postprocess) || file.postprocess.length !== file.config.classes.length) {
    throw badRequest(`${where}: post-processing settings do not match its classes`);
  }
  return file;
}

/** Reads model.json only: what a folder holds, without building the network. */
export async function readModelFile(dir: string): Promise<ModelFile> {
  const info = await stat(dir).catch(() => null);
  if (!info) throw notFound(`model folder not found: ${dir}`);
  if (!info.isDirectory()) throw badRequest(`not a model folder: ${dir}`);
  const text = await readFile(path.join(dir, MODEL_FILE), 'utf8').catch(() => null);
  if (text === null) throw badRequest(`${dir} is not a sound event model folder (it has no ${MODEL_FILE})`);
  try {
    return checkModelFile(JSON.parse(text) as ModelFile, dir);
  } catch (err) {
    throw err instanceof SyntaxError ? badRequest(`${path.join(dir, MODEL_FILE)} is not valid JSON`) : err;
  }
}

export async function loadModel(dir: string): Promise<LoadedModel> {
  const file = await readModelFile(dir);
  const buf = await readFile(path.join(dir, file.weights.file)).catch(() => null);
  if (!buf) throw badRequest(`${dir}: weights file ${file.weights.file} is missing`);
  return decodeModel({ file, weights: buf }, dir);
}

/** Builds the network from a checked model file and its weights; `where` (a folder, a project model) names it in errors. */
export function decodeModel({ file, weights }: EncodedModel, where: string): LoadedModel {
  checkModelFile(file, where);
  // A copy: the float view needs 4-byte alignment, which a Buffer slice or SQLite blob does not promise.
  const floats = new Float32Array(weights.slice().buffer);
  const tensors: Record<string, tf.Tensor> = {};
  try {
    for (const e of file.weights.entries) {
      const size = e.shape.reduce((a, b) => a * b, 1);
      if (e.offset + size > floats.length) throw badRequest(`${where}: ${file.weights.file} is truncated`);
      tensors[e.name] = tf.tensor(floats.subarray(e.offset, e.offset + size), e.shape);
    }
    const model = file.config.architecture === HEAD_ARCHITECTURE ? TaggerHead.fromWeights(file.config, tensors) : Cbrnn.fromWeights(file.config as CbrnnConfig, tensors);
    const { version, createdAt, postprocess, training, validation } = file;
    return { model, meta: { version, createdAt, postprocess, training, validation }, dir: where };
  } catch (err) {
    throw err instanceof Error && err.name !== 'AppError' ? badRequest(`${where}: ${err.message}`) : err;
  } finally {
    tf.dispose(Object.values(tensors));
  }
}
