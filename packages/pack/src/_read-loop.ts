import type * as Fs from 'node:fs';
import type * as Threads from 'node:worker_threads';

/** Slots of the control array both threads share (an Int32Array). */
export const Ctrl = {
  /** Bytes the reader has published into the ring (wraps as an int32). */
  written: 0,
  /** Bytes the packer has let go of (wraps as an int32). */
  released: 1,
  /** Batches of paths posted to the reader. */
  posted: 2,
  /** 1 once the reader runs. */
  state: 3,
  /** 1 tells the reader to stop. */
  stop: 4,
  /** The packer sleeps until this many records are published (0: it does not sleep). */
  wakeAt: 5,
  /** What the reader sleeps for: 0 nothing, 1 paths, 2 room in the ring (until `released` reaches `roomAt`). */
  asleep: 6,
  roomAt: 7,
  length: 8,
} as const;

/** What a record in the ring is. */
export const Kind = {
  /** A small regular file: size, mode, mtime and its bytes. */
  file: 1,
  /** Not a small regular file, or no file at all: the packer's general path decides. */
  other: 2,
  /** Opened, but a stat or read threw: the packer reads it itself (and meets the error as before). */
  fault: 3,
  /** The rest of the ring up to its end is unused: the next record starts at 0. */
  pad: 4,
} as const;

/**
 * A record's head: kind, size, mode, and where `\n:` and `\n\\` first occur in the bytes
 * (-1: nowhere; the packer's escaping starts from there) as int32s, a spare int32, then the
 * mtime in µs as a float64.
 */
export const HEAD = 32;

/** What the reader thread is given. */
export interface ReadLoopData {
  ctrl: Int32Array;
  ring: SharedArrayBuffer;
  port: Threads.MessagePort;
  /** Files bigger than this are left to the packer (it streams them). */
  small: number;
  flags: number;
  times: boolean;
  ctrlSlots: typeof Ctrl;
  kinds: typeof Kind;
  head: number;
  /** The two line starts the packer's escaping looks for. */
  lineStarts: [string, string];
}

/**
 * The reader thread's whole program: for each path posted (in batches, in pack order), one
 * open, fstat and read straight into the shared ring, then the next. It runs as the source
 * text of this function (a worker from a string needs no file beside a bundle), so it may use
 * nothing but its arguments and globals.
 */
export function readLoop(load: (id: string) => unknown, data: ReadLoopData): void {
  const fs = load('node:fs') as typeof Fs;
  const { receiveMessageOnPort } = load('node:worker_threads') as typeof Threads;
  const { ctrl, ring, port, small, flags, times, ctrlSlots: C, kinds: K, head: HEAD, lineStarts } = data;
  const size = ring.byteLength;
  const ringBytes = new Uint8Array(ring);
  const i32 = new Int32Array(ring);
  const f64 = new Float64Array(ring);
  const view = Buffer.from(ring);
  // Buffers, not strings: a string needle is encoded again at every search.
  const [lfColon, lfSlash] = lineStarts.map((text) => Buffer.from(text)) as [Buffer, Buffer];
  let written = 0;
  let published = 0;
  // The packer is woken when enough is ready for it, not at every record: each wake is a syscall.
  const wake = (): void => {
    Atomics.store(ctrl, C.wakeAt, 0);
    Atomics.notify(ctrl, C.written);
  };
  // Before sleeping, the packer gets what there is (it may be waiting for more than will come).
  const sleep = (why: number, slot: number, value: number): void => {
    Atomics.store(ctrl, C.asleep, why);
    if (Atomics.load(ctrl, C.wakeAt) !== 0) wake();
    Atomics.wait(ctrl, slot, value, 1000);
    Atomics.store(ctrl, C.asleep, 0);
  };
  let batch: string[] = [];
  let next = 0;
  // Waits until `need` bytes are free in one piece, then returns where the record goes: a
  // record never wraps, so the end of the ring is padded when it is too short.
  const room = (need: number): number | undefined => {
    for (;;) {
      const off = written & (size - 1);
      const total = off + need > size ? size - off + need : need;
      const released = Atomics.load(ctrl, C.released);
      if (size - ((written - released) | 0) >= total) {
        if (total === need) return off;
        i32[off >> 2] = K.pad;
        written = (written + size - off) | 0;
        return 0;
      }
      if (Atomics.load(ctrl, C.stop)) return undefined;
      // Woken when a quarter of the ring is free (or what this record needs), not at every record let go of.
      Atomics.store(ctrl, C.roomAt, (written - size + Math.max(total, size >> 2)) | 0);
      sleep(2, C.released, released);
    }
  };
  // Makes a record visible to the packer (the padding before it, if any, with it).
  const publish = (at: number, kind: number, got: number, mode: number, us: number): void => {
    i32[at >> 2] = kind;
    i32[(at >> 2) + 1] = got;
    i32[(at >> 2) + 2] = mode;
    // Searched for here, on the thread with time to spare: the packer's only pass over most files.
    const bytes = kind === K.file ? view.subarray(at + HEAD, at + HEAD + got) : undefined;
    i32[(at >> 2) + 3] = bytes ? bytes.indexOf(lfColon) : -1;
    i32[(at >> 2) + 4] = bytes ? bytes.indexOf(lfSlash) : -1;
    f64[(at >> 3) + 3] = us;
    written = (written + ((HEAD + got + 7) & ~7)) | 0;
    Atomics.store(ctrl, C.written, written);
    published++;
    const wakeAt = Atomics.load(ctrl, C.wakeAt);
    if (wakeAt !== 0 && published - wakeAt >= 0) wake();
  };
  Atomics.store(ctrl, C.state, 1);
  Atomics.notify(ctrl, C.state);
  for (;;) {
    if (next === batch.length) {
      const posted = Atomics.load(ctrl, C.posted);
      const got = receiveMessageOnPort(port);
      if (got) {
        batch = got.message as string[];
        next = 0;
      } else if (Atomics.load(ctrl, C.stop)) return;
      else sleep(1, C.posted, posted);
      continue;
    }
    const path = batch[next++] as string;
    let fd: number;
    try {
      fd = fs.openSync(path, flags);
    } catch {
      const off = room(HEAD);
      if (off === undefined) return;
      publish(off, K.other, 0, 0, 0);
      continue;
    }
    try {
      let st: { size: number; mode: number; us: number; file: boolean };
      try {
        if (times) {
          const big = fs.fstatSync(fd, { bigint: true });
          st = { size: Number(big.size), mode: Number(big.mode), us: Number(big.mtimeNs / 1000n), file: big.isFile() };
        } else {
          const s = fs.fstatSync(fd);
          st = { size: s.size, mode: s.mode, us: 0, file: s.isFile() };
        }
      } catch {
        const off = room(HEAD);
        if (off === undefined) return;
        publish(off, K.fault, 0, 0, 0);
        continue;
      }
      if (!st.file || st.size > small) {
        const off = room(HEAD);
        if (off === undefined) return;
        publish(off, K.other, 0, 0, 0);
        continue;
      }
      const at = room((HEAD + st.size + 7) & ~7);
      if (at === undefined) return;
      let got = 0;
      try {
        for (let n = 1; n > 0 && got < st.size; got += n)
          n = fs.readSync(fd, ringBytes, at + HEAD + got, st.size - got, got);
      } catch {
        publish(at, K.fault, 0, 0, 0);
        continue;
      }
      publish(at, K.file, got, st.mode & 0o7777, st.us);
    } finally {
      fs.closeSync(fd);
    }
  }
}
