/** Loads the backbone a spec names. ONNX Runtime's native binding is only loaded for an ONNX model or the bundled backbone. */
import { userModelName, type Backbone, type BackboneSpec } from './backbone.js';
import { BUNDLED_BACKBONE, loadTfjsBackbone, type TfjsBackboneOptions } from './tfjs-backbone.js';

export async function loadBackbone(spec: BackboneSpec = { type: 'bundled' }): Promise<Backbone> {
  switch (spec.type) {
    case 'bundled':
      return loadOnOnnxRuntime(BUNDLED_BACKBONE);
    case 'onnx': {
      const { loadOnnxBackbone } = await import('./onnx-backbone.js');
      return loadOnnxBackbone({ name: userModelName(spec.path, spec.name), path: spec.path });
    }
    case 'tfjs':
      return loadTfjsBackbone({
        name: userModelName(spec.path, spec.name),
        path: spec.path,
        outputNode: spec.outputNode,
        scaling: spec.scaling ?? 'unit',
      });
  }
}

/**
 * A TF.js graph converted to ONNX: ONNX Runtime runs the bundled backbone 2.7 times as fast as TF.js
 * on wasm, with the same embeddings. TF.js takes over, with a warning, where the graph cannot be
 * converted or ONNX Runtime cannot run it; the fingerprint is the same either way.
 */
export async function loadOnOnnxRuntime(options: TfjsBackboneOptions & { outputNode: string }): Promise<Backbone> {
  try {
    const { loadConvertedBackbone } = await import('./onnx/converted-backbone.js');
    return await loadConvertedBackbone(options);
  } catch (err) {
    console.warn(`Valence Studio: ${options.name} runs on TF.js: ${(err as Error).message.split('\n')[0]}`);
    return loadTfjsBackbone(options);
  }
}
