const CR = 13;
const LF = 10;

/** CR bytes, LF bytes and CR-LF pairs in `buf[start, end)`: the JS path of the counting kernel. */
export function countJs(buf: Uint8Array, start: number, end = buf.length): [number, number, number] {
  let crs = 0;
  let pairs = 0;
  let lfs = 0;
  // indexOf runs in native code: hop from CR to CR, then from LF to LF.
  for (let i = buf.indexOf(CR, start); i !== -1 && i < end; i = buf.indexOf(CR, i + 1)) {
    crs++;
    if (i + 1 < end && buf[i + 1] === LF) pairs++;
  }
  for (let i = buf.indexOf(LF, start); i !== -1 && i < end; i = buf.indexOf(LF, i + 1)) lfs++;
  return [crs, lfs, pairs];
}
