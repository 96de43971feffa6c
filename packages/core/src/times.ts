/**
 * A time as Node's utimes/futimes/lutimes should be given it: a Date as it is; bigint
 * nanoseconds as seconds a quarter into their microsecond. A double this size holds only
 * about 0.2 µs, and Node 20 truncates to the microsecond where Node 24 keeps nanoseconds:
 * a quarter in lands on the right microsecond either way (Node 24 then sets +250 ns).
 */
export function utimesSeconds(time: Date | bigint): number | Date {
  if (time instanceof Date) return time;
  const micros = time / 1000n;
  return Number(micros / 1_000_000n) + (Number(micros % 1_000_000n) + 0.25) / 1e6;
}
