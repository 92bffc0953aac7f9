/** Loads the backbone a spec names. ONNX Runtime's native binding is only loaded for an ONNX model. */
import { userModelName, type Backbone, type BackboneSpec } from './backbone.js';
import { loadBundledBackbone, loadTfjsBackbone } from './tfjs-backbone.js';

export async function loadBackbone(spec: BackboneSpec = { type: 'bundled' }): Promise<Backbone> {
  switch (spec.type) {
    case 'bundled':
      return loadBundledBackbone();
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
