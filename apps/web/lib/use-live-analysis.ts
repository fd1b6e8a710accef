'use client';

import type { AnalysisEvents, AnalysisStatus, AnalysisView } from '@spillover/contracts';
import { useEffect, useState } from 'react';
import { api, ApiError } from './api';

const terminal: ReadonlySet<AnalysisStatus> = new Set(['succeeded', 'failed', 'cancelled']);

export function isTerminal(status: AnalysisStatus): boolean {
  return terminal.has(status);
}

/** Without an event for this long, the page asks the API itself (a proxy may hold the stream back). */
const quietMs = 2000;
const pollMs = 1000;

export interface LiveAnalysis {
  analysis: AnalysisView | undefined;
  error: ApiError | undefined;
  /** Whether the last update came from the event stream or from polling. */
  source: 'events' | 'polling' | undefined;
}

/**
 * An analysis kept current while it runs: server-sent `progress` and `status` events when they flow,
 * GET /analyses/:id every second when they do not, and a final GET for the result.
 */
export function useLiveAnalysis(id: string): LiveAnalysis {
  const [analysis, setAnalysis] = useState<AnalysisView | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [source, setSource] = useState<LiveAnalysis['source']>(undefined);

  useEffect(() => {
    let closed = false;
    let finished = false;
    let lastEventAt = 0;
    // `events` and `timer` are created below, before the first load starts.
    const stop = () => {
      finished = true;
      events.close();
      window.clearInterval(timer);
    };
    const load = async () => {
      try {
        const next = await api<AnalysisView>(`/analyses/${encodeURIComponent(id)}`);
        if (closed) return;
        setAnalysis(next);
        setError(undefined);
        if (isTerminal(next.status)) stop();
      } catch (caught) {
        if (closed) return;
        setError(caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) }));
        if (caught instanceof ApiError && (caught.status === 404 || caught.status === 403)) stop();
      }
    };

    const events = new EventSource(`/api/analyses/${encodeURIComponent(id)}/events`);
    events.addEventListener('progress', (event) => {
      lastEventAt = Date.now();
      const progress = JSON.parse((event as MessageEvent<string>).data) as AnalysisEvents['progress'];
      setSource('events');
      setAnalysis((a) => (a && !isTerminal(a.status) ? { ...a, status: 'running', progress } : a));
    });
    events.addEventListener('status', (event) => {
      lastEventAt = Date.now();
      const update = JSON.parse((event as MessageEvent<string>).data) as AnalysisEvents['status'];
      setSource('events');
      if (isTerminal(update.status)) {
        // The result is not part of the event: fetch the whole analysis once.
        events.close();
        void load();
      } else {
        setAnalysis((a) => (a && !isTerminal(a.status) ? { ...a, status: update.status } : a));
      }
    });
    const timer = window.setInterval(() => {
      if (finished || Date.now() - lastEventAt < quietMs) return;
      setSource('polling');
      void load();
    }, pollMs);
    void load();

    return () => {
      closed = true;
      stop();
    };
  }, [id]);

  return { analysis, error, source };
}
