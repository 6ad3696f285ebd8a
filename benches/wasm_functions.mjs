// The largest functions of a WebAssembly module, by the size of their body in bytes (a program,
// not a test). JavaScriptCore (Safari, WebKitGTK) never compiles a function whose body is larger
// than its `maximumOMGCandidateCost` (100,000 bytes in WebKit 2.50) with its optimising tier
// (OMG): such a function runs in the baseline tier (BBQ) for ever. See the README's "Three
// engines".
//
//   node benches/wasm_functions.mjs FILE.wasm [how many, default 10]
//
// Names come from the module's name section when it has one (a wasm-opt without -g drops it:
// use the build before wasm-opt, e.g. target/wasm32-unknown-unknown/release/worker.wasm).
import { readFile } from 'node:fs/promises';

export const OMG_LIMIT = 100_000;

/** [{ index, name, bytes }] of every function defined in the module (index counts imports). */
export function functionSizes(buf) {
  let p = 8;
  const u32 = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = buf[p++];
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return result;
      shift += 7;
    }
  };
  const str = () => {
    const n = u32();
    const s = buf.subarray(p, p + n).toString('utf8');
    p += n;
    return s;
  };
  let imported = 0;
  const bodies = [];
  const names = new Map();
  while (p < buf.length) {
    const id = buf[p++];
    const size = u32();
    const end = p + size;
    if (id === 2) {
      for (let i = u32(); i > 0; i--) {
        str();
        str();
        const kind = buf[p++];
        if (kind === 0) {
          u32();
          imported++;
        } else if (kind === 1) {
          p++; // reftype
          const flags = u32();
          u32();
          if (flags & 1) u32();
        } else if (kind === 2) {
          const flags = u32();
          u32();
          if (flags & 1) u32();
        } else if (kind === 3) {
          p += 2; // valtype (no vector or reference types with immediates here), mutability
        } else {
          throw new Error(`import kind ${kind} not handled`);
        }
      }
    } else if (id === 10) {
      for (let i = u32(); i > 0; i--) {
        const n = u32();
        bodies.push(n);
        p += n;
      }
    } else if (id === 0 && str() === 'name') {
      while (p < end) {
        const sub = buf[p++];
        const len = u32();
        const subEnd = p + len;
        if (sub === 1) {
          for (let i = u32(); i > 0; i--) {
            const idx = u32();
            names.set(idx, str());
          }
        }
        p = subEnd;
      }
    }
    p = end;
  }
  return bodies.map((bytes, i) => ({ index: imported + i, name: names.get(imported + i) ?? `function ${imported + i}`, bytes }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  const n = Number(process.argv[3] ?? 10);
  const fns = functionSizes(await readFile(file)).sort((a, b) => b.bytes - a.bytes);
  const over = fns.filter((f) => f.bytes > OMG_LIMIT);
  console.log(`${file}: ${fns.length} functions; ${over.length} larger than ${OMG_LIMIT.toLocaleString('en')} bytes (JavaScriptCore keeps them in its baseline tier)`);
  for (const f of fns.slice(0, n)) console.log(`${String(f.bytes).padStart(9)}  ${f.bytes > OMG_LIMIT ? 'BBQ only' : '        '}  ${f.name}`);
}
