import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'spillover_session';

/** The cookie carries the token; the database keeps only its sha256, so a leaked table opens no session. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashSessionToken(token) };
}
