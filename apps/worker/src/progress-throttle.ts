/**
 * Passes on at most one value per interval: the first at once, later ones as the latest value when the
 * interval has elapsed (intermediate values are dropped). Emissions run one after another, in order.
 */
export class ProgressThrottle<T> {
  private pending: { value: T } | null = null;
  private lastEmit = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly emit: (value: T) => Promise<void>,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  push(value: T): void {
    this.pending = { value };
    const wait = this.lastEmit + this.intervalMs - this.now();
    if (wait <= 0) this.emitPending();
    else this.timer ??= setTimeout(() => this.emitPending(), wait);
  }

  /** Emits the last held-back value and waits until every emission has finished. */
  async flush(): Promise<void> {
    this.emitPending();
    await this.chain;
  }

  private emitPending(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.pending) return;
    const { value } = this.pending;
    this.pending = null;
    this.lastEmit = this.now();
    this.chain = this.chain.then(() => this.emit(value));
  }
}
