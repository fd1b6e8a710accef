import { describe, expect, it } from 'vitest';
import { SpilloverError } from '@spillover/contracts';
import {
  choleskyDecompose,
  crossProduct,
  invertGeneral,
  invertSpd,
  logAbsDeterminant,
  luDecompose,
  luSolve,
  matMul,
  solveSpd,
} from './dense.js';

const spd = Float64Array.from([4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]);

describe('dense linear algebra', () => {
  it('Cholesky reproduces A = L Lᵀ', () => {
    const l = choleskyDecompose(spd, 3);
    const lt = Float64Array.from({ length: 9 }, (_, k) => l[(k % 3) * 3 + Math.floor(k / 3)]!);
    const product = matMul(l, 3, 3, lt, 3);
    product.forEach((v, k) => expect(v).toBeCloseTo(spd[k]!, 14));
  });

  it('solves and inverts symmetric positive-definite systems', () => {
    const x = solveSpd(spd, 3, Float64Array.from([1, 2, 3]));
    const back = matMul(spd, 3, 3, x, 1);
    expect([...back].map((v) => +v.toFixed(12))).toEqual([1, 2, 3]);
    const inverse = invertSpd(spd, 3);
    const eye = matMul(spd, 3, 3, inverse, 3);
    eye.forEach((v, k) => expect(v).toBeCloseTo(k % 4 === 0 ? 1 : 0, 13));
  });

  it('refuses a singular matrix with SINGULAR_DESIGN', () => {
    const singular = Float64Array.from([1, 2, 2, 4]);
    expect(() => choleskyDecompose(singular, 2)).toThrow(SpilloverError);
    try {
      choleskyDecompose(singular, 2);
    } catch (error) {
      expect((error as SpilloverError).code).toBe('SINGULAR_DESIGN');
    }
  });

  it('LU solves a general system and gives the log-determinant', () => {
    const a = Float64Array.from([0, 2, 1, 1, 1, 0, 3, 0, 1]); // needs pivoting; det = 1*... computed below
    const f = luDecompose(a, 3);
    const x = luSolve(f, 3, Float64Array.from([3, 2, 4]));
    const back = matMul(a, 3, 3, x, 1);
    expect([...back].map((v) => +v.toFixed(12))).toEqual([3, 2, 4]);
    // det = 0(1-0) - 2(1-0) + 1(0-3) = -5
    expect(logAbsDeterminant(a, 3)).toBeCloseTo(Math.log(5), 14);
    const inverse = invertGeneral(a, 3);
    const eye = matMul(a, 3, 3, inverse, 3);
    eye.forEach((v, k) => expect(v).toBeCloseTo(k % 4 === 0 ? 1 : 0, 13));
  });

  it('cross product from columns equals the column-major form', () => {
    const columns = [Float64Array.from([1, 2, 3]), Float64Array.from([0, 1, -1])];
    const flat = Float64Array.from([1, 2, 3, 0, 1, -1]);
    expect([...crossProduct(columns)]).toEqual([14, -1, -1, 2]);
    expect([...crossProduct(flat, 3, 2)]).toEqual([14, -1, -1, 2]);
  });
});
