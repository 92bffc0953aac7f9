/**
 * Reads a TF.js graph model (model.json and its weight shards) from disk into the artifacts
 * tf.io.fromMemory takes: models load from files only, never through fetch or a URL.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { io } from '@tensorflow/tfjs-core';
import { badRequest } from '../contract/errors.js';

interface GraphNode {
  name: string;
  op: string;
  attr?: { shape?: { shape?: { dim?: { size?: string }[]; unknownRank?: boolean } } };
}

interface ModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  modelTopology?: { node?: GraphNode[] };
  weightsManifest?: { paths: string[]; weights: io.WeightsManifestEntry[] }[];
}

export interface GraphModelFiles {
  artifacts: io.ModelArtifacts;
  /** The graph's input placeholder and its shape (−1 where free). */
  input: { name: string; shape: number[] };
  /** sha256 of the weights, shortened: identifies the model whatever its file is called. */
  fingerprint: string;
}

/** `path` is a model.json or the folder holding one. */
export function readGraphModel(path: string): GraphModelFiles {
  const jsonPath = existsSync(path) && statSync(path).isDirectory() ? join(path, 'model.json') : path;
  const shown = basename(jsonPath) === 'model.json' ? basename(dirname(jsonPath)) : basename(jsonPath);
  if (!existsSync(jsonPath)) throw badRequest(`no TF.js model at ${path} (expected a model.json)`);
  let json: ModelJson;
  try {
    json = JSON.parse(readFileSync(jsonPath, 'utf8')) as ModelJson;
  } catch {
    throw badRequest(`${shown} is not a TF.js model: its model.json is not JSON`);
  }
  if (json.format === 'layers-model') {
    throw badRequest(`${shown} is a TF.js layers model; the visual backbone needs a graph model (tensorflowjs_converter --output_format=tfjs_graph_model)`);
  }
  const nodes = json.modelTopology?.node;
  if (!Array.isArray(nodes) || !Array.isArray(json.weightsManifest)) throw badRequest(`${shown} is not a TF.js graph model (no graph nodes or weights manifest)`);
  const placeholders = nodes.filter((n) => n.op === 'Placeholder');
  if (placeholders.length !== 1) throw badRequest(`${shown} has ${placeholders.length} inputs; a visual backbone takes exactly one image input`);

  const shards = json.weightsManifest.flatMap((group) => group.paths).map((p) => {
    const file = join(dirname(jsonPath), p);
    if (!existsSync(file)) throw badRequest(`${shown} is incomplete: weight file ${p} is missing`);
    return readFileSync(file);
  });
  const weights = Buffer.concat(shards);
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  const dims = placeholders[0].attr?.shape?.shape?.dim ?? [];
  return {
    artifacts: {
      modelTopology: json.modelTopology as object,
      weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
      weightData,
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
    },
    input: { name: placeholders[0].name, shape: dims.map((d) => Number(d.size ?? -1)) },
    fingerprint: createHash('sha256').update(weights).digest('hex').slice(0, 16),
  };
}

/**
 * Frees the batch and spatial sizes of the input placeholder. A fully convolutional graph exported
 * for one fixed size (the bundled CenterNet says 1×512×512×3) runs at any size, but TF.js refuses
 * inputs whose shape differs from the declared one.
 */
export function freeInputSize(files: GraphModelFiles): GraphModelFiles {
  const topology = structuredClone(files.artifacts.modelTopology) as { node: GraphNode[] };
  const node = topology.node.find((n) => n.name === files.input.name)!;
  const channels = files.input.shape[3] ?? 3;
  node.attr = { ...node.attr, shape: { shape: { dim: [-1, -1, -1, channels].map((d) => ({ size: String(d) })) } } };
  return { ...files, artifacts: { ...files.artifacts, modelTopology: topology }, input: { ...files.input, shape: [-1, -1, -1, channels] } };
}
