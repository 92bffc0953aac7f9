/**
 * A valence model, from its current weights, as an ONNX model for ONNX Runtime: one graph input per
 * input group (`group0`, `group1`, … laid out as predict.ts's inputTensors: [batch, width], or
 * [batch, window, width] for windowed groups) and one output `probs` [batch, 7], the softmax of the
 * logits. Each builder mirrors the architecture's forward function in valence/model.
 */
import { VALENCE_CLASS_COUNT } from '../../contract/domain.js';
import { isSemantic } from '../data/modalities.js';
import type { Architecture, ValenceModelConfig } from '../model/model-config.js';
import type { InputGroup, ValenceModel } from '../model/model.js';
import { crossModalAttention, encoderLayer } from './attention-graph.js';
import { classify, dense, linear, meanTokens, modelGraph, tokenize, type ModelGraph } from './graph-blocks.js';

/** Name of the graph input for input group i. */
export const groupInput = (i: number): string => `group${i}`;
export const PROBS_OUTPUT = 'probs';

interface Inputs {
  names: string[];
  groups: InputGroup[];
}

/** Graph → logits [batch, 7]. */
type Builder = (m: ModelGraph, config: ValenceModelConfig, inputs: Inputs) => string;

/** dnn.ts reduceAll: each modality's reduction, concatenated on the last axis. */
const reduceAll = (m: ModelGraph, config: ValenceModelConfig, { names }: Inputs): string =>
  m.g.node('Concat', names.map((x, i) => dense(m, x, `reduce.${config.inputs[i].modality}`)), { axis: { i: -1 } });

const encoders = (m: ModelGraph, config: ValenceModelConfig, x: string, prefix: string): string => {
  for (let l = 0; l < config.encoderLayers; l++) x = encoderLayer(m, x, `${prefix}encoder${l}`, config.heads, config.attentionDims);
  return x;
};

/** fea-tf.ts tokenGroups: the audio-visual group is `tokens.avc`, the sound-semantic one `tokens.ass`. */
const tokenized = (m: ModelGraph, config: ValenceModelConfig, { names, groups }: Inputs): string[] =>
  names.map((x, i) => tokenize(m, x, `tokens.${isSemantic(groups[i].modalities[0]) ? 'ass' : 'avc'}`, config.tokens, groups[i].width / config.tokens));

/** lstm.ts, unrolled over the window; the zero initial state is left out (adding 0 changes nothing). */
function lstm(m: ModelGraph, config: ValenceModelConfig, inputs: Inputs): string {
  const steps = config.window;
  const xg = linear(m, reduceAll(m, config, inputs), 'lstm.wx', 'lstm.b'); // [b, window, 4·units]
  const sig = (x: string) => m.g.node('Sigmoid', [x]);
  const tanh = (x: string) => m.g.node('Tanh', [x]);
  const mul = (a: string, b: string) => m.g.node('Mul', [a, b]);
  let h: string | null = null;
  let c: string | null = null;
  for (const slice of m.g.nodeN('Split', [xg], steps, { axis: { i: 1 } })) {
    const xt = m.g.node('Squeeze', [slice, m.g.ints([1])]);
    const gates: string = h === null ? xt : m.g.node('Add', [xt, linear(m, h, 'lstm.wh')]);
    const [i, f, cand, o] = m.g.nodeN('Split', [gates], 4, { axis: { i: 1 } });
    const fresh = mul(sig(i), tanh(cand));
    c = c === null ? fresh : m.g.node('Add', [mul(sig(f), c), fresh]);
    h = mul(sig(o), tanh(c));
  }
  return classify(m, h!);
}

const builders: Record<Architecture, Builder> = {
  dnn: (m, config, inputs) => classify(m, reduceAll(m, config, inputs)),
  lstm,
  'temp-tf': (m, config, { names }) => {
    const x = m.g.node('Add', [dense(m, names[0], 'frames.embed'), m.weight('frames.position')]);
    return classify(m, meanTokens(m, encoders(m, config, x, '')));
  },
  'fea-tf': (m, config, inputs) => {
    const x = m.g.node('Concat', tokenized(m, config, inputs), { axis: { i: 1 } });
    return classify(m, meanTokens(m, encoders(m, config, x, '')));
  },
  'fea-tf-cma': crossModal,
  'fea-tf-scma': crossModal,
};

/** fea-tf-cross.ts: SCMA encodes each modality first, CMA does not; then eqs. (3)–(4), fusion, pooling. */
function crossModal(m: ModelGraph, config: ValenceModelConfig, inputs: Inputs): string {
  const selfFirst = config.architecture === 'fea-tf-scma';
  const [avc, ass] = tokenized(m, config, inputs).map((x, i) => (selfFirst ? encoders(m, config, x, `${['avc', 'ass'][i]}.`) : x));
  const [fAss, fAvc] = crossModalAttention(m, ass, avc, config.heads, config.attentionDims);
  return classify(m, meanTokens(m, m.g.node('Concat', [fAss, fAvc], { axis: { i: 2 } })));
}

/**
 * The model as ONNX bytes (opset 17). LSTM and Temp-TF over a window of one frame are refused: their
 * inputs are then 2-D, which lstm.ts misreads as a sequence along the features and temp-tf.ts rejects.
 */
export function exportValenceModel(model: ValenceModel): Uint8Array {
  const { architecture, window } = model.config;
  if ((architecture === 'lstm' || architecture === 'temp-tf') && window < 2) throw new Error(`cannot export ${architecture} over a window of ${window} frame to ONNX`);
  const m = modelGraph(model);
  const names = model.groups.map((g, i) => m.g.input(groupInput(i), g.window > 1 ? ['batch', g.window, g.width] : ['batch', g.width]));
  const logits = builders[model.config.architecture](m, model.config, { names, groups: model.groups });
  m.g.output(m.g.node('Softmax', [logits], { axis: { i: -1 } }), PROBS_OUTPUT, ['batch', VALENCE_CLASS_COUNT]);
  return m.g.encode(`valence-${model.config.architecture}`);
}
