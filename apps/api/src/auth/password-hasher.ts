import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** Algorithm.Argon2id; the enum is an ambient const enum, which isolatedModules cannot inline. */
const argon2id = 2 as Algorithm;

/** OWASP's argon2id baseline: 19 MiB of memory, 2 passes, 1 lane (RFC 9106 §4 parameters). */
export const passwordHashOptions = {
  algorithm: argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

/** argon2id PHC string of a password, with a random salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, passwordHashOptions);
}

/** Whether `password` matches the PHC string; a malformed hash counts as a mismatch. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
