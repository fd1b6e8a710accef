import type { ProgressHash, ProgressTransaction } from '../bootstrap/replication-progress.js';
import type { CancelFlagReader } from '../cancellation/cancellation-watch.js';

type Value = string | Map<string, string>;

/**
 * The few Redis keys of the platform, in memory, for the in-process queue: cancel flags (set by the API,
 * read by RedisCancellationSource) and the replication progress hashes (ReplicationProgressTracker).
 * Expiry times are ignored: the process, and these keys with it, end long before they would expire.
 */
export class MemoryKeys implements CancelFlagReader, ProgressHash {
  private readonly values = new Map<string, Value>();

  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }

  async exists(key: string): Promise<number> {
    return this.values.has(key) ? 1 : 0;
  }

  async del(key: string): Promise<number> {
    return this.values.delete(key) ? 1 : 0;
  }

  /** A transaction: its commands run together at exec(), with nothing in between (one event-loop turn). */
  multi(): ProgressTransaction {
    const commands: (() => unknown)[] = [];
    const transaction: ProgressTransaction = {
      hsetnx: (key, field, value) => queue(() => this.hashSet(key, field, value, false)),
      hset: (key, field, value) => queue(() => this.hashSet(key, field, value, true)),
      expire: (key) => queue(() => (this.values.has(key) ? 1 : 0)),
      hgetall: (key) => queue(() => Object.fromEntries(this.hash(key) ?? [])),
      exec: async () => commands.map((command): [Error | null, unknown] => [null, command()]),
    };
    function queue(command: () => unknown): ProgressTransaction {
      commands.push(command);
      return transaction;
    }
    return transaction;
  }

  private hash(key: string): Map<string, string> | undefined {
    const value = this.values.get(key);
    if (typeof value === 'string') throw new Error(`WRONGTYPE: ${key} holds a string, not a hash`);
    return value;
  }

  private hashSet(key: string, field: string, value: string, overwrite: boolean): number {
    const hash = this.hash(key) ?? new Map<string, string>();
    this.values.set(key, hash);
    if (!overwrite && hash.has(field)) return 0;
    const added = hash.has(field) ? 0 : 1;
    hash.set(field, value);
    return added;
  }
}
