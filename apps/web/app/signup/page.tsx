'use client';

import { ErrorMessage, TextField } from '@spillover/ui';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../lib/api';
import { fieldErrors, placedOnField } from '../../lib/field-errors';

export default function SignUpPage() {
  const router = useRouter();
  const [form, setForm] = useState({ name: '', email: '', password: '', teamName: '' });
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { teamName, ...rest } = form;
      await api('/auth/signup', { json: teamName.trim() ? { ...rest, teamName } : rest });
      router.push(`/login?created=1&email=${encodeURIComponent(form.email)}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) }));
      setBusy(false);
    }
  }

  const errors = fieldErrors(error);
  return (
    <div className="page-narrow">
      <h1>Create an account</h1>
      <p className="subtitle">A team of your own is created with it.</p>
      <form className="panel" onSubmit={submit} noValidate aria-label="Sign up">
        <TextField
          id="name"
          label="Name"
          value={form.name}
          onChange={set('name')}
          autoComplete="name"
          error={errors.name}
        />
        <TextField
          id="email"
          label="Email"
          type="email"
          value={form.email}
          onChange={set('email')}
          autoComplete="email"
          error={errors.email}
        />
        <TextField
          id="password"
          label="Password"
          type="password"
          value={form.password}
          onChange={set('password')}
          autoComplete="new-password"
          hint="At least 8 characters."
          error={errors.password}
        />
        <TextField
          id="teamName"
          label="Team name (optional)"
          value={form.teamName}
          onChange={set('teamName')}
          error={errors.teamName}
        />
        {error && !placedOnField(errors, Object.keys(form)) && (
          <ErrorMessage message={error.message} code={error.code} details={error.details} />
        )}
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Creating…' : 'Sign up'}
        </button>
      </form>
    </div>
  );
}
