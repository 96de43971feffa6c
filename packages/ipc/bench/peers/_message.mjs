// The ~100-byte message every transport carries, and the check both sides agree on.
export const message = (i) => ({
  id: i,
  name: 'spam and eggs',
  tags: ['a', 'bb'],
  pos: { x: 1.5, y: -2, ok: true },
  note: 'hello world 0123456789',
});

/** Length-prefixed JSON, written and parsed by hand: the framing a user would write. */
export function frame(value) {
  const body = Buffer.from(JSON.stringify(value));
  const out = Buffer.allocUnsafe(4 + body.length);
  out.writeUInt32BE(body.length, 0);
  body.copy(out, 4);
  return out;
}

/** Calls onValue for each hand-framed JSON value in the chunks fed to it. */
export function unframer(onValue) {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    let data = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let at = 0;
    while (data.length - at >= 4) {
      const n = data.readUInt32BE(at);
      if (data.length - at - 4 < n) break;
      onValue(JSON.parse(data.toString('utf8', at + 4, at + 4 + n)));
      at += 4 + n;
    }
    pending = data.subarray(at);
    data = null;
  };
}
