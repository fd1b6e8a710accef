import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProgressThrottle } from './progress-throttle.js';

describe('ProgressThrottle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('emits the first value at once and at most one value per interval, keeping the latest', async () => {
    const emitted: number[] = [];
    const throttle = new ProgressThrottle<number>(async (v) => void emitted.push(v), 200);
    throttle.push(1);
    for (let i = 2; i <= 50; i++) throttle.push(i); // a burst within the same millisecond
    await vi.advanceTimersByTimeAsync(0);
    expect(emitted).toEqual([1]);
    await vi.advanceTimersByTimeAsync(200);
    expect(emitted).toEqual([1, 50]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(emitted).toEqual([1, 50]);
  });

  it('limits a steady stream to about five values a second', async () => {
    const emitted: number[] = [];
    const throttle = new ProgressThrottle<number>(async (v) => void emitted.push(v), 200);
    for (let i = 0; i < 100; i++) {
      throttle.push(i);
      await vi.advanceTimersByTimeAsync(10); // 100 values over one second
    }
    await throttle.flush();
    expect(emitted.length).toBeGreaterThanOrEqual(5);
    expect(emitted.length).toBeLessThanOrEqual(7);
    expect(emitted.at(-1)).toBe(99);
  });

  it('flush emits the held-back value and waits for emissions, in order', async () => {
    const order: string[] = [];
    const throttle = new ProgressThrottle<string>(async (v) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      order.push(v);
    }, 200);
    throttle.push('a');
    throttle.push('b');
    const flushed = throttle.flush();
    await vi.advanceTimersByTimeAsync(200);
    await flushed;
    expect(order).toEqual(['a', 'b']);
  });
});
