import { PGliteDriver } from 'typeorm-pglite';

/** The pool class TypeORM's postgres driver instantiates (typeorm-pglite's shared-session pool). */
type SharedPool = InstanceType<PGliteDriver['driver']['Pool']>;
type Release = (error?: unknown) => void;
type ConnectCallback = (error: unknown, client: SharedPool | null, done: Release) => void;

/**
 * typeorm-pglite hands every TypeORM query runner the same PGlite session, so two concurrent transactions
 * (an upload in the API and a job writing its result) would interleave their statements in one backend.
 * PGlite is one PostgreSQL backend: this makes it behave like a pool of exactly one connection, where a
 * query runner holds the session from connect() until it releases it, and the others wait in turn.
 */
export function exclusivePool(dataDir: string): new () => SharedPool {
  const { Pool } = new PGliteDriver({ dataDir }).driver;
  let held: Promise<void> = Promise.resolve();

  return class ExclusivePGlitePool extends Pool {
    override async connect(callback: ConnectCallback): Promise<void> {
      const previous = held;
      let release!: () => void;
      held = new Promise<void>((resolve) => (release = resolve));
      await previous;
      let released = false;
      await super.connect((error, client) => {
        const done: Release = () => {
          if (released) return;
          released = true;
          release();
        };
        if (error) done();
        callback(error, client, done);
      });
    }
  };
}
