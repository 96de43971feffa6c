/** A binary min-heap ordered by `less`. */
export class Heap<T> {
  readonly #items: T[] = [];
  constructor(readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.#items.length;
  }

  /** The least item, without removing it. */
  peek(): T | undefined {
    return this.#items[0];
  }

  push(item: T): void {
    const items = this.#items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i] as T, items[parent] as T)) break;
      [items[i], items[parent]] = [items[parent] as T, items[i] as T];
      i = parent;
    }
  }

  /** Removes and returns the least item. */
  pop(): T | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.#down(0);
    }
    return top;
  }

  /** Replaces the least item (cheaper than pop then push). */
  replaceTop(item: T): void {
    this.#items[0] = item;
    this.#down(0);
  }

  /** The items in no particular order. */
  toArray(): T[] {
    return [...this.#items];
  }

  #down(i: number): void {
    const items = this.#items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let least = i;
      if (l < items.length && this.less(items[l] as T, items[least] as T)) least = l;
      if (r < items.length && this.less(items[r] as T, items[least] as T)) least = r;
      if (least === i) return;
      [items[i], items[least]] = [items[least] as T, items[i] as T];
      i = least;
    }
  }
}

/**
 * Keeps the `limit` largest items offered, in O(log limit) per offer and memory for `limit`
 * items however many are offered: the smallest kept item sits on top, ready to be evicted.
 */
export class TopN<T> {
  readonly #heap: Heap<T>;
  constructor(
    readonly limit: number,
    /** Negative when a ranks below b. */
    readonly compare: (a: T, b: T) => number,
  ) {
    this.#heap = new Heap((a, b) => compare(a, b) < 0);
  }

  offer(item: T): void {
    if (this.#heap.size < this.limit) this.#heap.push(item);
    else if (this.limit > 0 && this.compare(item, this.#heap.peek() as T) > 0) this.#heap.replaceTop(item);
  }

  /** The kept items, largest first. */
  sorted(): T[] {
    return this.#heap.toArray().sort((a, b) => this.compare(b, a));
  }
}
