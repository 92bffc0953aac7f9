/**
 * A visual backbone: a pretrained CNN that turns one square RGB frame into one embedding vector
 * (a globally averaged late feature map, or a penultimate layer). The bundled default runs offline
 * from resources/; a user can bring the paper's ResNet-50 as ONNX or as a TF.js graph model.
 */
import type { PixelScaling } from './preprocess.js';

export interface Backbone {
  /** Short stable name; descriptor sets are stored as kind `visual.<name>`. */
  readonly name: string;
  readonly dims: number;
  /** Frames must be inputSize × inputSize RGB24. */
  readonly inputSize: number;
  /** Changes whenever the weights or the layer read change, so stored features are recomputed. */
  readonly fingerprint: string;
  /** `count` frames back to back in, count × dims values out. */
  embed(frames: Uint8Array, count: number): Promise<Float32Array>;
  dispose(): void;
}

export type BackboneSpec =
  /** The bundled MobileNetV3 backbone of an offline CenterNet (see resources/models/visual-centernet). */
  | { type: 'bundled' }
  /** A ResNet-50 exported from torchvision (input 1×3×224×224, ImageNet normalisation), fc replaced by Identity. */
  | { type: 'onnx'; path: string; name?: string }
  /** A TF.js graph model folder (model.json + weight shards). */
  | {
      type: 'tfjs';
      path: string;
      name?: string;
      /** Node whose output is the embedding (averaged over space when it is a feature map); default: the model's output. */
      outputNode?: string;
      /** How the model expects its pixels; default 'unit' (0 … 1, as TF-Hub image models). */
      scaling?: PixelScaling;
    };

/** The name a user model is stored under: its spec's name, else its file (or, for model.json, folder) name. */
export function userModelName(path: string, name: string | undefined): string {
  const parts = path.split(/[\\/]+/).filter(Boolean);
  if (parts.length > 1 && parts[parts.length - 1].toLowerCase() === 'model.json') parts.pop();
  const base = name ?? (parts.pop() ?? '').replace(/\.onnx$/i, '');
  return base.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'user';
}
