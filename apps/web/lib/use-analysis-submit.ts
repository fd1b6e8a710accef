'use client';

import type { AnalysisView } from '@spillover/contracts';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from './api';

/**
 * The submit handler of a composer: POST /analyses with the dataset, spec and (non-blank) title, then
 * open the new analysis; an error is kept for display and the form is usable again.
 */
export function useAnalysisSubmit(datasetId: string, spec: unknown, title: string) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const analysis = await api<AnalysisView>('/analyses', {
        json: { datasetId, spec, ...(title.trim() ? { title: title.trim() } : {}) },
      });
      router.push(`/analyses/${analysis.id}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) }));
      setBusy(false);
    }
  }

  return { error, busy, submit };
}
