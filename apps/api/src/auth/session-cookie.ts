import type { CookieOptions, Response } from 'express';
import type { AppConfig } from '../config/app-config.js';
import { SESSION_COOKIE } from './session-token.js';

function cookieOptions(config: AppConfig): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/' };
}

export function setSessionCookie(response: Response, token: string, config: AppConfig): void {
  response.cookie(SESSION_COOKIE, token, { ...cookieOptions(config), maxAge: config.sessionTtlMs });
}

export function clearSessionCookie(response: Response, config: AppConfig): void {
  response.clearCookie(SESSION_COOKIE, cookieOptions(config));
}
