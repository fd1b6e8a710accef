'use client';

import type { StudyView } from '@spillover/contracts';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../../lib/api';
import { studyFinished } from './study-steps';

/** GET /studies/:id answers every step's status and progress in one query; once a second is enough. */
const pollMs = 1000;

export interface LiveStudy {
  study: StudyView | undefined;
  error: ApiError | undefined;
  /** Takes a fresher view (e.g. the answer of POST /studies/:id/cancel). */
  update: (study: StudyView) => void;
}

/** A study kept current by polling until it has finished (401, 403 and 404 stop the polling too). */
export function useLiveStudy(id: string): LiveStudy {
  const [study, setStudy] = useState<StudyView | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);

  useEffect(() => {
    let closed = false;
    let timer: number | undefined;
    const load = async () => {
      try {
        const next = await api<StudyView>(`/studies/${encodeURIComponent(id)}`);
        if (closed) return;
        setStudy(next);
        setError(undefined);
        if (studyFinished(next)) return;
      } catch (caught) {
        if (closed) return;
        setError(caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) }));
        if (caught instanceof ApiError && [401, 403, 404].includes(caught.status)) return;
      }
      // The next poll after this answer, so slow answers never pile up.
      timer = window.setTimeout(() => void load(), pollMs);
    };
    void load();
    return () => {
      closed = true;
      window.clearTimeout(timer);
    };
  }, [id]);

  const update = useCallback((next: StudyView) => setStudy(next), []);
  return { study, error, update };
}
