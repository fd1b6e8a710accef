import { describe, expect, it } from 'vitest';
import { warmUpReplications } from './replication-warm-up.js';

describe('replication warm-up', () => {
  it('runs its simulated mediation through every step without an error', () => {
    expect(() => warmUpReplications(1)).not.toThrow();
  });
});
