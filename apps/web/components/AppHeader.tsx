'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useSession } from '../lib/session';

export function AppHeader() {
  const { me, team, selectTeam, logout } = useSession();
  const router = useRouter();
  const pathname = usePathname();
  const current = (href: string) => (pathname === href ? 'page' : undefined);
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Link href="/" className="brand">
          Spillover
        </Link>
        {me && (
          <nav aria-label="Main">
            <Link href="/" aria-current={current('/')}>
              Dashboard
            </Link>
            <Link href="/datasets/new" aria-current={current('/datasets/new')}>
              Upload dataset
            </Link>
            <Link href="/weights" aria-current={current('/weights')}>
              Weights
            </Link>
            <Link href="/analyses" aria-current={current('/analyses')}>
              Analyses
            </Link>
            <Link href="/studies" aria-current={current('/studies')}>
              Studies
            </Link>
            {me.user.isAdmin && (
              <Link href="/admin" aria-current={current('/admin')}>
                Admin
              </Link>
            )}
          </nav>
        )}
        <div className="app-header-end">
          {me && me.teams.length > 0 && (
            <label className="team-select">
              <span>Team</span>
              <select
                data-testid="team-select"
                value={team?.id ?? ''}
                onChange={(event) => selectTeam(event.target.value)}
              >
                {me.teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {me && (
            <>
              <span className="user-name" data-testid="user-name">
                {me.user.name}
              </span>
              <button
                type="button"
                className="button button-quiet"
                onClick={async () => {
                  await logout();
                  router.push('/login');
                }}
              >
                Log out
              </button>
            </>
          )}
          {me === null && (
            <nav aria-label="Account">
              <Link href="/login">Log in</Link>
              <Link href="/signup">Sign up</Link>
            </nav>
          )}
        </div>
      </div>
    </header>
  );
}
