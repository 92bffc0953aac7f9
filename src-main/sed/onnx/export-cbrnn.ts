/**
 * The paper's CBRNN (sed/model/cbrnn.ts) as an ONNX graph at inference: log-mel [B, F, bands] →
 * normalise → four frames stacked as channels → three × (3×3 conv, frequency max-pool, batch norm
 * on the moving statistics, ReLU) → BiGRU → frame / attention logits. TF.js works channels-last
 * ([B, steps, bands, 4]); ONNX's Conv is channels-first, so the image is [B, 4, steps, bands] here
 * and the kernels are transposed to [out, in, kh, kw].
 */
import { OnnxGraph } from '../../ml/onnx/graph.js';
import { hwioToOihw } from '../../ml/onnx/layout.js';
import { BN_EPSILON, type Cbrnn } from '../model/cbrnn.js';
import { BATCH, FRAMES, writeNormalise, writeRecurrentTail, type NetWeights } from './recurrent-tail.js';

export function exportCbrnn(model: Cbrnn, w: NetWeights): Uint8Array {
  const c = model.config;
  const g = new OnnxGraph();
  const x = g.input('x', [BATCH, FRAMES, c.bands]);
  const normalised = writeNormalise(g, x, c.inputMean, c.inputStd);
  let a = g.node('Transpose', [g.node('Reshape', [normalised, g.ints([0, -1, c.framesPerStep, c.bands])])], { perm: { ints: [0, 2, 1, 3] } });
  let inCh = c.framesPerStep;
  c.convChannels.forEach((outCh, i) => {
    const name = `conv${i + 1}`;
    const n = w.shape(`${name}/kernel`)[0];
    // 'same' padding at stride 1, for the odd kernel sizes it is defined the same way in both.
    const pad = (n - 1) / 2;
    const conv = g.node('Conv', [a, g.weight(`${name}_kernel`, hwioToOihw(w.get(`${name}/kernel`), [n, n, inCh, outCh]), [outCh, inCh, n, n])], { pads: { ints: [pad, pad, pad, pad] } });
    const pooled = g.node('MaxPool', [conv], { kernel_shape: { ints: [1, c.freqPools[i]] }, strides: { ints: [1, c.freqPools[i]] } });
    // Batch norm folded into one scale and shift, as Cbrnn's inference does.
    const gamma = w.get(`${name}/gamma`);
    const variance = w.get(`${name}/moving_variance`);
    const scale = Float32Array.from(gamma, (v, j) => v / Math.sqrt(Math.fround(variance[j] + BN_EPSILON)));
    const mean = w.get(`${name}/moving_mean`);
    const shift = Float32Array.from(w.get(`${name}/beta`), (b, j) => b - mean[j] * scale[j]);
    const perChannel = (hint: string, v: Float32Array) => g.weight(hint, v, [outCh, 1, 1]);
    a = g.node('Relu', [g.node('Add', [g.node('Mul', [pooled, perChannel(`${name}_scale`, scale)]), perChannel(`${name}_shift`, shift)])]);
    inCh = outCh;
  });
  // [B, C, steps, width] → [B, steps, width · C], width-major as TF.js flattens channels-last.
  const width = c.bands / c.freqPools.reduce((p, q) => p * q, 1);
  const sequence = g.node('Reshape', [g.node('Transpose', [a], { perm: { ints: [0, 2, 3, 1] } }), g.ints([0, 0, -1])]);
  writeRecurrentTail(g, sequence, width * inCh, w, { classes: c.classes.length, gruUnits: c.gruUnits });
  return g.encode(`${c.architecture}-${c.group}`);
}
