'use client';

import type { MeView, TeamView } from '@spillover/contracts';
import { usePathname, useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError } from './api';

const teamStorageKey = 'spillover.teamId';

interface Session {
  /** undefined while loading, null when signed out. */
  me: MeView | null | undefined;
  team: TeamView | undefined;
  selectTeam: (teamId: string) => void;
  refresh: () => Promise<MeView | null>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeView | null | undefined>(undefined);
  const [teamId, setTeamId] = useState<string | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      const next = await api<MeView>('/auth/me');
      setMe(next);
      return next;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setMe(null);
        return null;
      }
      throw error;
    }
  }, []);

  useEffect(() => {
    setTeamId(window.localStorage.getItem(teamStorageKey) ?? undefined);
    void refresh();
  }, [refresh]);

  const selectTeam = useCallback((id: string) => {
    window.localStorage.setItem(teamStorageKey, id);
    setTeamId(id);
  }, []);

  const logout = useCallback(async () => {
    await api('/auth/logout', { method: 'POST' });
    setMe(null);
  }, []);

  const value = useMemo<Session>(() => {
    // The remembered team if the user still belongs to it, else their first team.
    const team = me ? (me.teams.find((t) => t.id === teamId) ?? me.teams[0]) : undefined;
    return { me, team, selectTeam, refresh, logout };
  }, [me, teamId, selectTeam, refresh, logout]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider');
  return session;
}

/** The session of a page that needs a signed-in user; sends everybody else to the login page. */
export function useRequiredSession(): Session {
  const session = useSession();
  const router = useRouter();
  const pathname = usePathname();
  useEffect(() => {
    if (session.me === null) router.replace(`/login?next=${encodeURIComponent(pathname)}`);
  }, [session.me, router, pathname]);
  return session;
}
