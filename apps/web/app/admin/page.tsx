'use client';

import type { AdminJobView, AdminOverview, TeamLimitsView } from '@spillover/contracts';
import { ErrorMessage } from '@spillover/ui';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../lib/api';
import { formatBytes, formatDateTime } from '../../lib/format';
import { useRequiredSession } from '../../lib/session';
import { useApi } from '../../lib/use-api';

const states = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'completed',
  'failed',
  'paused',
] as const;

export default function AdminPage() {
  const { me } = useRequiredSession();
  const overview = useApi<AdminOverview>(me ? '/admin/overview' : undefined);
  const [jobFilter, setJobFilter] = useState('');
  const failed = useApi<AdminJobView[]>(me ? `/admin/jobs?state=failed${jobFilter}` : undefined);
  const teams = useApi<TeamLimitsView[]>(me ? '/admin/teams' : undefined);
  const [actionError, setActionError] = useState<ApiError | undefined>(undefined);

  // live counts while the page is open
  const reloadOverview = overview.reload;
  useEffect(() => {
    const timer = window.setInterval(() => void reloadOverview(), 5000);
    return () => window.clearInterval(timer);
  }, [reloadOverview]);

  async function act(path: string, method: 'POST' | 'DELETE' | 'PUT', json?: unknown) {
    setActionError(undefined);
    try {
      await api(path, { method, json });
      await Promise.all([overview.reload(), failed.reload(), teams.reload()]);
    } catch (caught) {
      setActionError(caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) }));
    }
  }

  if (!me) return <p className="muted">Loading…</p>;
  if (overview.error?.status === 403) {
    return (
      <div data-testid="forbidden">
        <h1>Forbidden</h1>
        <ErrorMessage message={overview.error.message} code={overview.error.code} />
      </div>
    );
  }
  if (overview.error) return <ErrorMessage message={overview.error.message} code={overview.error.code} />;
  if (!overview.data) return <p className="muted">Loading…</p>;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Administration</h1>
          <p className="subtitle">Queues, workers and team limits of the whole platform.</p>
        </div>
        <a className="button button-quiet" href="/api/admin/queues" target="_blank" rel="noreferrer">
          Queue dashboard (bull-board)
        </a>
      </div>
      {actionError && <ErrorMessage message={actionError.message} code={actionError.code} />}

      <section className="panel" aria-labelledby="queues-heading">
        <h2 id="queues-heading">Queues</h2>
        <table className="sp-table" data-testid="queues-table">
          <thead>
            <tr>
              <th scope="col">Queue</th>
              {states.map((s) => (
                <th scope="col" className="sp-num" key={s}>
                  {s}
                </th>
              ))}
              <th scope="col" className="sp-num">
                Done / failed (last hour)
              </th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {overview.data.queues.map((queue) => {
              const completed = queue.throughput.reduce((n, p) => n + p.completed, 0);
              const failures = queue.throughput.reduce((n, p) => n + p.failed, 0);
              return (
                <tr key={queue.name} data-queue={queue.name} data-paused={queue.paused}>
                  <th scope="row">
                    {queue.name} {queue.paused && <span className="sp-badge sp-badge-neutral">paused</span>}
                  </th>
                  {states.map((s) => (
                    <td className="sp-num" key={s}>
                      {queue.counts[s]}
                    </td>
                  ))}
                  <td className="sp-num">
                    {completed} / {failures}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button-quiet"
                      onClick={() =>
                        act(`/admin/queue/${queue.name}/${queue.paused ? 'resume' : 'pause'}`, 'POST')
                      }
                    >
                      {queue.paused ? 'Resume' : 'Pause'}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section className="panel" aria-labelledby="workers-heading">
        <h2 id="workers-heading">Workers</h2>
        {overview.data.workers.length === 0 && <p className="empty">No worker is connected.</p>}
        {overview.data.workers.length > 0 && (
          <table className="sp-table" data-testid="workers-table">
            <thead>
              <tr>
                <th scope="col">Queue</th>
                <th scope="col">Connection</th>
                <th scope="col" className="sp-num">
                  Connected for (s)
                </th>
                <th scope="col" className="sp-num">
                  Last heartbeat (s ago)
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.data.workers.map((w) => (
                <tr key={`${w.queue}-${w.id}`}>
                  <td>{w.queue}</td>
                  <td>
                    <code>{w.addr}</code>
                  </td>
                  <td className="sp-num">{w.ageSeconds}</td>
                  <td className="sp-num">{w.idleSeconds}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>Running now</h3>
        {overview.data.running.length === 0 && <p className="empty">Nothing is running.</p>}
        {overview.data.running.length > 0 && (
          <table className="sp-table">
            <thead>
              <tr>
                <th scope="col">Analysis</th>
                <th scope="col">Worker</th>
                <th scope="col">Progress</th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {overview.data.running.map((r) => (
                <tr key={r.analysisId}>
                  <td>
                    {r.title ?? `${r.kind}${r.model ? ` ${r.model}` : ''}`}{' '}
                    <code>{r.analysisId.slice(0, 8)}</code>
                  </td>
                  <td>
                    <code>{r.worker ?? '—'}</code>
                  </td>
                  <td>{r.progress ? `${r.progress.stage} ${r.progress.done}/${r.progress.total}` : '—'}</td>
                  <td>{formatDateTime(r.startedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="failed-heading">
        <h2 id="failed-heading">Failed jobs</h2>
        <label className="filters">
          <span>Analysis or team id</span>
          <input
            type="search"
            placeholder="UUID"
            onChange={(e) => {
              const value = e.target.value.trim();
              const isUuid = /^[0-9a-f-]{36}$/i.test(value);
              const byTeam = teams.data?.some((t) => t.teamId === value);
              setJobFilter(isUuid ? `&${byTeam ? 'teamId' : 'analysisId'}=${value}` : '');
            }}
          />
        </label>
        {failed.error && <ErrorMessage message={failed.error.message} code={failed.error.code} />}
        {failed.data && failed.data.length === 0 && <p className="empty">No failed jobs.</p>}
        {failed.data && failed.data.length > 0 && (
          <table className="sp-table" data-testid="failed-jobs">
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Team</th>
                <th scope="col">Reason</th>
                <th scope="col">Attempts</th>
                <th scope="col">Failed</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {failed.data.map((job) => (
                <tr key={`${job.queue}-${job.id}`}>
                  <td>
                    {job.queue}: {job.title ?? job.name} <code>{job.id}</code>
                  </td>
                  <td>{job.teamName ?? '—'}</td>
                  <td>{job.failedReason}</td>
                  <td>{job.attemptsMade}</td>
                  <td>{formatDateTime(job.finishedAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-quiet"
                      onClick={() => act(`/admin/jobs/${job.queue}/${job.id}/retry`, 'POST')}
                    >
                      Retry
                    </button>
                    <button
                      type="button"
                      className="button button-quiet"
                      onClick={() => act(`/admin/jobs/${job.queue}/${job.id}`, 'DELETE')}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="limits-heading">
        <h2 id="limits-heading">Team limits</h2>
        {teams.data && (
          <table className="sp-table" data-testid="team-limits">
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">Jobs queued or running</th>
                <th scope="col">Storage</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {teams.data.map((team) => (
                <TeamLimitsRow
                  key={team.teamId}
                  team={team}
                  onSave={(body) => act(`/admin/teams/${team.teamId}/limits`, 'PUT', body)}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function TeamLimitsRow({
  team,
  onSave,
}: {
  team: TeamLimitsView;
  onSave: (body: { maxActiveJobs: number | null; maxStorageBytes: number | null }) => Promise<void>;
}) {
  const [jobs, setJobs] = useState(team.maxActiveJobs === null ? '' : String(team.maxActiveJobs));
  const [megabytes, setMegabytes] = useState(
    team.maxStorageBytes === null ? '' : String(team.maxStorageBytes / 1e6),
  );
  const whole = (text: string) => (text.trim() === '' ? null : Math.round(Number(text)));
  return (
    <tr data-team={team.teamId}>
      <th scope="row">{team.teamName}</th>
      <td>
        {team.usage.activeJobs} of{' '}
        <input
          className="limit-input"
          value={jobs}
          placeholder={`${team.defaults.maxActiveJobs} (default)`}
          onChange={(e) => setJobs(e.target.value)}
          aria-label={`Job limit of ${team.teamName}`}
        />
      </td>
      <td>
        {formatBytes(team.usage.storageBytes)} of{' '}
        <input
          className="limit-input"
          value={megabytes}
          placeholder={`${team.defaults.maxStorageBytes / 1e6} (default)`}
          onChange={(e) => setMegabytes(e.target.value)}
          aria-label={`Storage limit of ${team.teamName} in MB`}
        />{' '}
        MB
      </td>
      <td>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            const mb = megabytes.trim() === '' ? null : Number(megabytes);
            void onSave({
              maxActiveJobs: whole(jobs),
              maxStorageBytes: mb === null ? null : Math.round(mb * 1e6),
            });
          }}
        >
          Save
        </button>
      </td>
    </tr>
  );
}
