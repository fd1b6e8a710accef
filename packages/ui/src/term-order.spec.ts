import { describe, expect, it } from 'vitest';
import { orderTerms } from './term-order';

describe('orderTerms', () => {
  it('follows the order of the regressors in the spec', () => {
    expect(orderTerms(['lpc', 'lemp', 'lpcap', 'unemp'], 'lgsp', ['lpcap', 'lpc', 'lemp', 'unemp'])).toEqual([
      'lpcap',
      'lpc',
      'lemp',
      'unemp',
    ]);
  });
  it('puts lags of y first, spatial lags after the regressors, and other terms last', () => {
    expect(orderTerms(['W*a', '(Intercept)', 'b', 'a', 'L.y'], 'y', ['a', 'b'])).toEqual([
      'L.y',
      'a',
      'b',
      'W*a',
      '(Intercept)',
    ]);
  });
});
