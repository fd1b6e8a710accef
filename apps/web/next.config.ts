import type { NextConfig } from 'next';

/**
 * The browser reaches the API through same-origin `/api/...` paths (so the session cookie is first-party).
 * They are proxied by the route handler app/api/[...path]/route.ts, which reads API_URL at request time:
 * a `rewrites()` entry would be frozen into the build's routes manifest, and the portal is built once and
 * started against APIs on different ports (tests, deployments).
 */
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  transpilePackages: ['@spillover/ui', '@spillover/contracts'],
};

export default nextConfig;
