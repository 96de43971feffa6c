import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** One way of doing the workload: a command to spawn, or a function run in this process. */
export interface Contender {
  name: string;
  /** argv of a command; its stdout is captured for `check`. */
  cmd?: string[];
  /** Run in-process; the returned text is handed to `check`. */
  fn?: () => Promise<string> | string;
  /** Extra environment for `cmd`. */
  env?: Record<string, string>;
  /** Runs before every timed run, untimed (e.g. restore a tree converted in place). */
  reset?: () => Promise<void> | void;
}

/** A workload timed across several contenders. */
export interface Comparison {
  title: string;
  /** The contender whose time the ratios are relative to (ours). */
  subject: string;
  contenders: Contender[];
  /** Rounds; each round runs every contender once, in turn, so drift hits all alike. @default 7 */
  rounds?: number;
  /** Untimed warm-up rounds. @default 1 */
  warmup?: number;
  /** Throws when a contender's output is wrong; called on the first timed round. */
  check?: (name: string, output: string) => void;
}

/** Median wall time of one contender, and how many times slower than the subject it is. */
export interface Timing {
  name: string;
  medianMs: number;
  minMs: number;
  /** The slowest run: with minMs, the spread a median hides on a noisy machine. */
  maxMs: number;
  ratio: number;
}

/** Times each contender round-robin and returns medians with ratios to the subject. */
export async function compare(c: Comparison): Promise<Timing[]> {
  const rounds = c.rounds ?? 7;
  const warmup = c.warmup ?? 1;
  const samples = new Map<string, number[]>(c.contenders.map((t) => [t.name, []]));
  for (let round = -warmup; round < rounds; round++) {
    for (const contender of c.contenders) {
      await contender.reset?.();
      const start = performance.now();
      const output = await runOnce(contender);
      const ms = performance.now() - start;
      if (round === 0) c.check?.(contender.name, output);
      if (round >= 0) samples.get(contender.name)?.push(ms);
    }
  }
  return timingsOf(samples, c.subject);
}

/** Medians, fastest and slowest runs of each contender's samples (ms), with ratios to the subject's median. */
export function timingsOf(samples: ReadonlyMap<string, number[]>, subject: string): Timing[] {
  const timings = [...samples].map(([name, runs]) => {
    const ms = [...runs].sort((a, b) => a - b);
    return { name, medianMs: median(ms), minMs: ms[0] ?? Number.NaN, maxMs: ms.at(-1) ?? Number.NaN, ratio: 0 };
  });
  const base = timings.find((t) => t.name === subject)?.medianMs ?? Number.NaN;
  for (const t of timings) t.ratio = t.medianMs / base;
  return timings;
}

function median(sorted: number[]): number {
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function runOnce(t: Contender): Promise<string> {
  if (t.fn) return await t.fn();
  if (!t.cmd || t.cmd.length === 0) throw new Error(`contender ${t.name} has neither cmd nor fn`);
  const [file, ...args] = t.cmd as [string, ...string[]];
  return await new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...t.env } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('latin1'));
      else reject(new Error(`${t.name} exited ${code}: ${Buffer.concat(err).toString().slice(0, 500)}`));
    });
  });
}
