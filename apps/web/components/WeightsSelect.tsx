'use client';

import type { WeightsView } from '@spillover/contracts';
import { Select } from '@spillover/ui';
import Link from 'next/link';
import { useApi } from '../lib/use-api';

export interface WeightsSelectProps {
  teamId: string;
  value: string;
  onChange: (id: string) => void;
  /** Units of the panel, to flag weights of another size. */
  units: number;
  label?: string;
  /** Whether "no weights" is a choice (non-spatial models: weights only add LM tests). */
  optional?: boolean;
  error?: string;
}

/** A stored weights matrix of the team, with its size, and a link to add one. */
export function WeightsSelect({
  teamId,
  value,
  onChange,
  units,
  label = 'Spatial weights (W)',
  optional = false,
  error,
}: WeightsSelectProps) {
  const { data, error: loadError } = useApi<WeightsView[]>(`/weights?teamId=${encodeURIComponent(teamId)}`);
  const chosen = data?.find((w) => w.id === value);
  const sizeNote =
    chosen && chosen.n !== units
      ? `These weights have ${chosen.n} units; the panel has ${units}.`
      : undefined;
  const hint = loadError
    ? `Weights cannot be listed: ${loadError.message}`
    : data && data.length === 0
      ? 'No weights in this team yet.'
      : (sizeNote ?? (optional ? 'Optional: adds LM tests for spatial dependence.' : undefined));
  return (
    <div className="weights-select">
      <Select
        id="weights"
        label={label}
        value={value}
        placeholder={optional ? 'None' : 'Choose weights'}
        options={(data ?? []).map((w) => ({
          value: w.id,
          label: `${w.name} v${w.version} (${w.n} units)`,
        }))}
        onChange={onChange}
        hint={hint}
        error={error}
      />
      <Link href="/weights/new" className="weights-add">
        Add weights…
      </Link>
    </div>
  );
}
