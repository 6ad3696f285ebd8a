// TensorFlow.js (wasm backend, one thread) training the benchmark's LSTMs in a dedicated worker.
//
// The cell is written out with tf ops so that it is PyTorch's nn.LSTM: gates i, f, g, o; two
// biases (b_ih, b_hh); sigmoid gates (tf.layers' LSTM defaults to a hard sigmoid and has one
// bias); every parameter U(−1/√H, 1/√H) and the linear head U(−1/√fan_in, 1/√fan_in), as
// PyTorch initialises them. Loss: softmax cross-entropy averaged over the rows
// (nn.CrossEntropyLoss). Adam with PyTorch's β = (0.9, 0.999), ε = 1e-8 (TF.js would take
// 1e-7). Gradients come from TF.js's autodiff.
//
// Weights are kept as Wᵀ ([in, 4H]: TF.js's wasm matMul is several times slower on a
// transposed operand) and the inputs of every step as their own tensor (splitting one
// [T·B, 4H] product into steps costs more than the products). Two layouts of the same math:
//   stacked  one [in, 4H] matrix per input and a split of the gates (as tf.layers does);
//   gates    four [in, H] matrices, no split: 4× more, smaller ops.
// On this machine `stacked` trained as fast as `gates` or faster (3× on the char model, where
// TF.js's per-op cost dominates), so it is the default; `layers` is tf.layers.lstm (sigmoid
// gates, one bias, Keras initialisers) for a cross-check.
importScripts(
  'node_modules/@tensorflow/tfjs/dist/tf.min.js',
  'node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js',
);

const SENTENCE = 'hello pytorch. how long can a rnn cell remember? show me your limit!';
// The course's alphabet (crates/core/src/data/char_text.rs): 33 characters, then start and end.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz ?!.,:;';

async function setup() {
  const base = new URL('node_modules/@tensorflow/tfjs-backend-wasm/dist/', self.location.href).href;
  tf.wasm.setWasmPaths(base);
  // One thread (only used when the page is cross-origin isolated; this one is not).
  tf.wasm.setThreadsCount(1);
  if (!(await tf.setBackend('wasm'))) throw new Error('the TF.js wasm backend did not start');
  await tf.ready();
  tf.enableProdMode();
  return {
    tfjs: tf.version.tfjs,
    backend: tf.getBackend(),
    simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    multithread: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
    threads: tf.wasm.getThreadsCount(),
  };
}

/**
 * The batch: xs, the input of every step ([B, in] each); xBatchMajor, [B, T, in] for tf.layers;
 * y, one-hot labels of the head's rows ([B, classes], or [T, classes] for the char model,
 * whose batch is one sequence).
 */
function data(c) {
  const { seq: T, batch: B, input: I, classes: O } = c;
  let x;
  let labels;
  if (c.kind === 'mnist') {
    // The deterministic "random" inputs and labels of crates/core/src/bench.rs.
    x = new Float32Array(B * T * I);
    for (let b = 0; b < B; b++)
      for (let t = 0; t < T; t++)
        for (let k = 0; k < I; k++) x[(b * T + t) * I + k] = ((b * 31 + t * 17 + k * 7) % 97) / 97;
    labels = Array.from({ length: B }, (_, b) => b % O);
  } else {
    // The sentence between start and end: input symbol t, target symbol t + 1.
    const start = ALPHABET.length;
    const ids = [start, ...[...SENTENCE].map((ch) => ALPHABET.indexOf(ch)), start + 1];
    if (B !== 1 || ids.length - 1 !== T || ids.some((i) => i < 0)) throw new Error('sentence/alphabet mismatch');
    x = new Float32Array(T * I);
    ids.slice(0, -1).forEach((id, t) => { x[t * I + id] = 1; });
    labels = ids.slice(1);
  }
  const xBatchMajor = tf.tensor3d(x, [B, T, I]);
  return {
    xBatchMajor,
    xs: tf.unstack(xBatchMajor, 1),
    y: tf.oneHot(tf.tensor1d(labels, 'int32'), O).toFloat(),
  };
}

function uniform(shape, bound, seed) {
  return tf.variable(tf.randomUniform(shape, -bound, bound, 'float32', seed));
}

/** Parameters of one layer: per input (ih, hh) a weight Wᵀ and a bias, stacked or per gate. */
function lstmParams(inp, H, cell, seed) {
  const k = 1 / Math.sqrt(H);
  const gates = cell === 'gates' ? 4 : 1;
  const cols = 4 * H / gates;
  return Array.from({ length: gates }, (_, q) => ({
    wih: uniform([inp, cols], k, seed + 4 * q),
    whh: uniform([H, cols], k, seed + 4 * q + 1),
    bih: uniform([cols], k, seed + 4 * q + 2),
    bhh: uniform([cols], k, seed + 4 * q + 3),
  }));
}

/** One LSTM layer over the inputs of every step ([B, in] each): the hidden state of every step. */
function lstmLayer(xs, B, H, p) {
  const bias = p.map((g) => tf.add(g.bih, g.bhh));
  // z = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh, per gate block.
  const z = (x, h, q) => tf.add(tf.fused.matMul({ a: x, b: p[q].wih, bias: bias[q] }), tf.matMul(h, p[q].whh));
  let h = tf.zeros([B, H]);
  let c = tf.zeros([B, H]);
  const hs = [];
  for (const x of xs) {
    const [zi, zf, zg, zo] = p.length === 4 ? [0, 1, 2, 3].map((q) => z(x, h, q)) : tf.split(z(x, h, 0), 4, 1);
    c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg)));
    h = tf.mul(tf.sigmoid(zo), tf.tanh(c));
    hs.push(h);
  }
  return hs;
}

function buildModel(c, cell) {
  const H = c.hidden;
  const k = 1 / Math.sqrt(H);
  const head = { w: uniform([H, c.classes], k, 1), b: uniform([c.classes], k, 2) };
  if (cell === 'layers') {
    const model = tf.sequential();
    for (let l = 0; l < c.layers; l++) {
      model.add(tf.layers.lstm({
        units: H,
        recurrentActivation: 'sigmoid',
        returnSequences: l < c.layers - 1 || c.head !== 'last',
        ...(l === 0 ? { inputShape: [c.seq, c.input] } : {}),
      }));
    }
    return { model, head, vars: [...model.trainableWeights.map((w) => w.val), head.w, head.b] };
  }
  const layers = Array.from({ length: c.layers }, (_, l) => lstmParams(l === 0 ? c.input : H, H, cell, 10 + 20 * l));
  const vars = [...layers.flat().flatMap((g) => [g.wih, g.whh, g.bih, g.bhh]), head.w, head.b];
  return { layers, head, vars };
}

function loss(c, m, d) {
  let features;
  if (m.model) {
    // [B, T, in] in, [B, H] or [B, T, H] out: rows b·T + t, the same rows as t·B + b for the
    // char model (B = 1).
    const out = m.model.apply(d.xBatchMajor, { training: true });
    features = c.head === 'last' ? out : tf.reshape(out, [c.batch * c.seq, c.hidden]);
    const logits = tf.fused.matMul({ a: features, b: m.head.w, bias: m.head.b });
    return tf.losses.softmaxCrossEntropy(d.y, logits);
  }
  let xs = d.xs;
  for (const p of m.layers) xs = lstmLayer(xs, c.batch, c.hidden, p);
  // Last-step head (MNIST rows) or a head on every step (the char model), rows t·B + b.
  features = c.head === 'last' ? xs[xs.length - 1] : tf.concat(xs, 0);
  const logits = tf.fused.matMul({ a: features, b: m.head.w, bias: m.head.b });
  return tf.losses.softmaxCrossEntropy(d.y, logits);
}

onmessage = async (e) => {
  try {
    const { config: c, secs, warmupSecs } = e.data;
    const env = await setup();
    const d = data(c);
    const cell = e.data.cell;
    const model = buildModel(c, cell);
    const optimizer = tf.train.adam(c.lr, 0.9, 0.999, 1e-8);
    const f = () => loss(c, model, d);
    const step = () => tf.tidy(() => optimizer.minimize(f, false, model.vars));
    const lossNow = () => tf.tidy(() => f().dataSync()[0]);

    const lossFirst = lossNow();
    let t0 = performance.now();
    let warmupSteps = 0;
    while (performance.now() - t0 < warmupSecs * 1000 || warmupSteps < 2) {
      step();
      warmupSteps++;
    }
    const tensorsBefore = tf.memory().numTensors;
    // [ms since start, steps done]: the driver takes windows of them like the other engines.
    const records = [[0, 0]];
    t0 = performance.now();
    let steps = 0;
    while (performance.now() - t0 < secs * 1000 || steps < 5) {
      step();
      steps++;
      records.push([performance.now() - t0, steps]);
    }
    const leaked = tf.memory().numTensors - tensorsBefore;
    postMessage({ env, cell, records, warmupSteps, lossFirst, lossLast: lossNow(), leaked });
  } catch (err) {
    postMessage({ error: String(err?.stack ?? err) });
  }
};
