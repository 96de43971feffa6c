// Times in-process workloads round-robin; each run times only its workload (workers already up).
import { type Timing, timingsOf } from '@sys/bench';

/** One way of doing a workload: `run` returns the milliseconds of the timed part and a check value. */
export interface Case {
  name: string;
  run: () => Promise<{ ms: number; answer: string }>;
}

/** Medians over `rounds` (after one warm-up), ratios to `subject`; every case must give the same answer. */
export async function measure(subject: string, cases: Case[], rounds = 5): Promise<Timing[]> {
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  let expected: string | undefined;
  for (let round = -1; round < rounds; round++) {
    for (const c of cases) {
      const { ms, answer } = await c.run();
      expected ??= answer;
      if (answer !== expected) throw new Error(`${c.name} answered ${answer}, not ${expected}`);
      if (round >= 0) samples.get(c.name)?.push(ms);
      process.stderr.write(`${c.name}: ${ms.toFixed(0)} ms${round < 0 ? ' (warm-up)' : ''}\n`);
    }
  }
  return timingsOf(samples, subject);
}
