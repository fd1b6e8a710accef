import { describe, expect, it } from 'vitest';
import { formatNumber, formatPValue, significanceStars } from './format';

describe('formatNumber', () => {
  it('rounds to the requested decimals', () => {
    expect(formatNumber(-0.030176056579839666)).toBe('-0.0302');
    expect(formatNumber(0.7693061962033692, 3)).toBe('0.769');
    expect(formatNumber(0.5)).toBe('0.5000');
  });
  it('keeps integers whole, with thousands separators', () => {
    expect(formatNumber(816)).toBe('816');
    expect(formatNumber(12345)).toBe('12,345');
  });
  it('switches to scientific notation where fixed decimals would show zero', () => {
    expect(formatNumber(0.0000123)).toBe('1.23e-5');
    expect(formatNumber(-0.00004)).toBe('-4.00e-5');
    expect(formatNumber(0.00005)).toBe('0.0001');
    expect(formatNumber(1234567.8)).toBe('1.23e+6');
  });
  it('shows a dash for a missing value', () => {
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });
});

describe('significanceStars', () => {
  it('uses the 0.1 / 0.05 / 0.01 thresholds, strictly', () => {
    expect(significanceStars(0.2)).toBe('');
    expect(significanceStars(0.1)).toBe('');
    expect(significanceStars(0.0999)).toBe('*');
    expect(significanceStars(0.05)).toBe('*');
    expect(significanceStars(0.049)).toBe('**');
    expect(significanceStars(0.01)).toBe('**');
    expect(significanceStars(0.0099)).toBe('***');
    expect(significanceStars(undefined)).toBe('');
  });
});

describe('formatPValue', () => {
  it('shows three decimals and bounds the tail', () => {
    expect(formatPValue(0.6067988)).toBe('0.607');
    expect(formatPValue(7.4e-12)).toBe('<0.001');
  });
});
