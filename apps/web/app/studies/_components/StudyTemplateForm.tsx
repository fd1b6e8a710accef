'use client';

import {
  defaultStudySeed,
  minStudyCities,
  type CreateStudyInput,
  type StudyView,
} from '@spillover/contracts';
import { Checkbox, ErrorMessage, Select, TextField } from '@spillover/ui';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../../lib/api';
import { fieldErrors, placedOnField } from '../../../lib/field-errors';
import { studyTemplateOptions, studyTemplateSteps } from '../_lib/study-template';
import './studies.css';

/** The study template's options (POST /studies); on success the page of the new study opens. */
export function StudyTemplateForm({ teamId }: { teamId: string }) {
  const router = useRouter();
  const [template, setTemplate] = useState(studyTemplateOptions[0].value);
  const [seed, setSeed] = useState(String(defaultStudySeed));
  const [quick, setQuick] = useState(true);
  const [cities, setCities] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const body: CreateStudyInput = { teamId, template, seed: Number(seed), quick };
    if (cities.trim() !== '') body.cities = Number(cities);
    try {
      const study = await api<StudyView>('/studies', { json: body });
      router.push(`/studies/${study.id}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) }));
      setBusy(false);
    }
  }

  const errors = fieldErrors(error);
  return (
    <form className="panel study-template-form" onSubmit={submit} aria-label="Run the study template">
      <h2>Run the study template</h2>
      <Select
        id="template"
        label="Template"
        value={template}
        options={[...studyTemplateOptions]}
        onChange={(value) => setTemplate(value as typeof template)}
        error={errors.template}
      />
      <p className="study-simulated" data-testid="simulated-data-note">
        The data are simulated: a seeded panel of Chinese prefecture-level cities, 2001–2023, generated from a
        documented data-generating process. The city list is real; every other number is synthetic, and the
        report shows the true parameters next to the estimates.
      </p>
      <details className="study-template-steps" open>
        <summary>
          What the study runs ({studyTemplateSteps.length} phases, each step a queued analysis)
        </summary>
        <ol>
          {studyTemplateSteps.map((s) => (
            <li key={s.phase}>
              <strong>{s.phase}</strong>: {s.text}
            </li>
          ))}
        </ol>
      </details>
      <div className="form-grid">
        <TextField
          id="seed"
          label="Seed"
          type="number"
          min={0}
          step={1}
          value={seed}
          onChange={setSeed}
          required
          hint="The same seed gives the same panel and the same results."
          error={errors.seed}
        />
        <TextField
          id="cities"
          label="Number of cities (optional)"
          type="number"
          min={minStudyCities}
          max={1000}
          step={1}
          value={cities}
          onChange={setCities}
          hint={`At least ${minStudyCities}; empty: every city (60 with a quick run).`}
          error={errors.cities}
        />
      </div>
      <Checkbox
        id="quick"
        label="Quick run"
        checked={quick}
        onChange={setQuick}
        hint="50 bootstrap replications and 100 impact draws instead of 500 and 1,000."
      />
      {error && !placedOnField(errors, ['template', 'seed', 'cities']) && (
        <ErrorMessage message={error.message} code={error.code} details={error.details} />
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={busy || seed.trim() === ''}>
          {busy ? 'Starting…' : 'Run the study'}
        </button>
      </div>
    </form>
  );
}
