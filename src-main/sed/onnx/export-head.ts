/**
 * The tagger head (sed/head/head-model.ts) as an ONNX graph, from its weights and config:
 * x [B, W, inputDims] → normalise → dense + ReLU → BiGRU → frame / attention logits, plus the
 * direct path from the picked features to the frame logits. Inference only: no dropout.
 */
import { OnnxGraph } from '../../ml/onnx/graph.js';
import type { TaggerHead } from '../head/head-model.js';
import { BATCH, FRAMES, writeNormalise, writeRecurrentTail, type NetWeights } from './recurrent-tail.js';

export function exportHead(head: TaggerHead, w: NetWeights): Uint8Array {
  const c = head.config;
  const k = c.classes.length;
  const g = new OnnxGraph();
  const x = g.input('x', [BATCH, FRAMES, c.inputDims]);
  const normalised = writeNormalise(g, x, c.inputMean, c.inputStd);
  const picked = g.node('Gather', [normalised, g.ints(c.directFeatures)], { axis: { i: 2 } });
  const direct = g.node('MatMul', [picked, g.weight('direct_kernel', w.get('direct/kernel'), [c.directFeatures.length, k])]);
  const hidden = g.node('Relu', [g.node('Add', [g.node('MatMul', [normalised, g.weight('dense_kernel', w.get('dense/kernel'), [c.inputDims, c.hiddenDims])]), g.weight('dense_bias', w.get('dense/bias'), [c.hiddenDims])])]);
  writeRecurrentTail(g, hidden, c.hiddenDims, w, { classes: k, gruUnits: c.gruUnits }, direct);
  return g.encode(`${c.architecture}-${c.group}`);
}
