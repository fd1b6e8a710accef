import { describe, expect, it } from 'vitest';
import { createRng } from './random.js';

describe('createRng', () => {
  it('repeats a stream for the same (seed, stream) and differs between streams', () => {
    const a = createRng(42, 3);
    const b = createRng(42, 3);
    const c = createRng(42, 4);
    const first = [a.next(), a.next(), a.normal()];
    expect([b.next(), b.next(), b.normal()]).toEqual(first);
    expect(c.next()).not.toBe(first[0]);
  });

  it('draws uniforms on [0, 1) and standard normals with the right moments', () => {
    const rng = createRng(7);
    const n = 200_000;
    let sum = 0;
    let sumSquares = 0;
    let uniformSum = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      if (u < 0 || u >= 1) throw new Error(`uniform draw ${u} outside [0, 1)`);
      uniformSum += u;
      const z = rng.normal();
      sum += z;
      sumSquares += z * z;
    }
    expect(Math.abs(uniformSum / n - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(Math.abs(sumSquares / n - 1)).toBeLessThan(0.015);
  });
});
