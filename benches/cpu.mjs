// CPU time of a benchmark's browser, thread by thread (Linux /proc; a program's helper, not a
// test): every process descended from this Node process (the browser, its driver, Xvfb), each
// thread's user + system time. `snapshot()` before and after a timed window; `busiest(a, b,
// seconds)` lists the threads that used the most CPU in between, as % of one core.
import { readdir, readFile } from 'node:fs/promises';

const TICK = 100; // USER_HZ: clock ticks per second of /proc/*/stat on Linux

async function stat(path) {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (!text) return null;
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const rest = text.slice(close + 2).split(' ');
  return { comm: text.slice(open + 1, close), ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
}

/** Per thread CPU ticks of every process below this one: Map "process/thread#tid" → ticks. */
export async function snapshot() {
  const procs = new Map();
  for (const d of await readdir('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = await stat(`/proc/${d}/stat`);
    if (s) procs.set(Number(d), s);
  }
  const below = (pid) => {
    for (let p = pid, i = 0; p > 1 && i < 64; i++) {
      const s = procs.get(p);
      if (!s) return false;
      if (s.ppid === process.pid) return true;
      p = s.ppid;
    }
    return false;
  };
  const out = new Map();
  for (const [pid, s] of procs) {
    if (!below(pid)) continue;
    for (const t of await readdir(`/proc/${pid}/task`).catch(() => [])) {
      const ts = await stat(`/proc/${pid}/task/${t}/stat`);
      if (ts) out.set(`${s.comm}/${ts.comm}#${t}`, ts.ticks);
    }
  }
  return out;
}

/** The `n` threads that used the most CPU between two snapshots, as [name, % of one core]. */
export function busiest(before, after, seconds, n = 8) {
  const used = [];
  for (const [k, v] of after) {
    const d = v - (before.get(k) ?? 0);
    if (d > 0) used.push([k.replace(/#\d+$/, ''), Math.round((100 * d) / TICK / seconds)]);
  }
  used.sort((a, b) => b[1] - a[1]);
  const total = used.reduce((a, [, p]) => a + p, 0);
  return { total, threads: used.slice(0, n) };
}
