// Bounds the jobs in flight (-j): a submission takes between 1 and its size of the free slots (an array then
// runs at most that many tasks at once, `--array=…%K`) and gives them back as its tasks finish.

/** A counting gate whose `take` grants as many slots as are free, up to a maximum. */
export class SlotGate {
  #free: number;
  readonly #waiters: (() => void)[] = [];

  constructor(readonly size: number) {
    this.#free = Math.max(1, size);
  }

  /** Waits for a free slot, then takes up to `max` of the free ones; resolves with how many. */
  async take(max: number): Promise<number> {
    while (this.#free < 1) await new Promise<void>((r) => this.#waiters.push(r));
    const n = Math.max(1, Math.min(max, this.#free));
    this.#free -= n;
    return n;
  }

  /** Returns `n` slots and wakes the waiters. */
  give(n: number): void {
    if (n <= 0) return;
    this.#free += n;
    for (const w of this.#waiters.splice(0)) w();
  }

  /** Wakes every waiter (on cancel: each rechecks its own state). */
  wakeAll(): void {
    this.#free = Math.max(this.#free, 1);
    for (const w of this.#waiters.splice(0)) w();
  }
}
