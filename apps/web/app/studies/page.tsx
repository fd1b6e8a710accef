'use client';

import { isTerminalStatus, type StudyView } from '@spillover/contracts';
import { ErrorMessage, StatusBadge } from '@spillover/ui';
import Link from 'next/link';
import { useEffect } from 'react';
import { formatDateTime } from '../../lib/format';
import { useRequiredSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';
import { SampleDatasetButton } from './_components/SampleDatasetButton';
import { StudyTemplateForm } from './_components/StudyTemplateForm';
import { studyOptionsText, studyTemplateLabel } from './_lib/study-template';
import './_components/studies.css';

/** How often the list refreshes while some study is still queued or running. */
const refreshMs = 3000;

export default function StudiesPage() {
  const { me, team } = useRequiredSession();
  const studies = useApi<StudyView[]>(team && `/studies?teamId=${encodeURIComponent(team.id)}`);

  const pending = studies.data?.some((s) => !isTerminalStatus(s.status)) ?? false;
  const reload = studies.reload;
  useEffect(() => {
    if (!pending) return;
    const timer = window.setInterval(() => void reload(), refreshMs);
    return () => window.clearInterval(timer);
  }, [pending, reload]);

  if (!me) return <p className="muted">Loading…</p>;
  if (!team) return <p className="empty">You are not a member of any team yet.</p>;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Studies</h1>
          <p className="subtitle">
            Whole studies of {team.name}, run on the platform step by step as queued analyses.
          </p>
        </div>
      </div>

      <section className="panel" aria-labelledby="studies-heading">
        <h2 id="studies-heading">Studies of the team</h2>
        {studies.error && <ErrorMessage message={studies.error.message} code={studies.error.code} />}
        {studies.data && studies.data.length === 0 && (
          <p className="empty">No studies yet: run the study template below.</p>
        )}
        {studies.data && studies.data.length > 0 && (
          <table className="sp-table" data-testid="studies-list">
            <thead>
              <tr>
                <th scope="col">Study</th>
                <th scope="col">Options</th>
                <th scope="col" className="sp-num">
                  Steps
                </th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {studies.data.map((s) => (
                <tr key={s.id} data-study={s.id}>
                  <th scope="row">
                    <Link href={`/studies/${s.id}`}>{s.name}</Link>
                    <div className="study-template-name">{studyTemplateLabel(s.template)}</div>
                  </th>
                  <td>{studyOptionsText(s.options)}</td>
                  <td className="sp-num">
                    {s.steps.length > 0
                      ? `${s.steps.filter((step) => step.status === 'succeeded').length}/${s.steps.length}`
                      : '—'}
                  </td>
                  <td>
                    <StatusBadge status={s.status} />
                  </td>
                  <td>{formatDateTime(s.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <StudyTemplateForm teamId={team.id} />

      <section className="panel" aria-labelledby="sample-heading">
        <h2 id="sample-heading">Sample dataset</h2>
        <p>
          The study&apos;s simulated panel as an ordinary dataset of the team, to explore with your own
          regressions, indices and spatial models.
        </p>
        <SampleDatasetButton teamId={team.id} />
      </section>
    </>
  );
}
