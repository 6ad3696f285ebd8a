import init, { bench_header, bench_names, bench_run, bench_gemm } from './wasm_bench.js';

onmessage = async (e) => {
  await init();
  if (e.data.gemm) {
    postMessage({ line: 'matrix products (f32, GFLOP/s):' });
    bench_gemm(0.05); // warm up: V8 tiers hot functions up to optimised code
    for (const line of bench_gemm(e.data.secs / 4)) postMessage({ line });
  }
  postMessage({ line: bench_header() });
  for (const name of bench_names(e.data.filter)) {
    postMessage({ line: bench_run(name, e.data.secs) });
  }
  postMessage({ line: '', done: true });
};
