/**
 * A time as Node's utimes/futimes/lutimes should be given it: a Date as it is; bigint
 * nanoseconds as seconds aimed at the middle of their microsecond. libuv truncates to the
 * microsecond, and a double this size holds only about 0.2 µs: aiming at the middle makes
 * the truncation land on the right microsecond.
 */
export function utimesSeconds(time: Date | bigint): number | Date {
  if (time instanceof Date) return time;
  const micros = time / 1000n;
  return Number(micros / 1_000_000n) + (Number(micros % 1_000_000n) + 0.5) / 1e6;
}
