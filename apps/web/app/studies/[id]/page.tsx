'use client';

import { isTerminalStatus, type StudyView } from '@spillover/contracts';
import { ErrorMessage, StatusBadge, StudyFailures, StudyProgressSummary, StudyStepList } from '@spillover/ui';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useState } from 'react';
import { api, ApiError } from '../../../lib/api';
import { formatDateTime, formatDuration } from '../../../lib/format';
import { useRequiredSession } from '../../../lib/session';
import { StudyReportFrame } from '../_components/StudyReportFrame';
import { StudyTables } from '../_components/StudyTables';
import { studyStepItems } from '../_lib/study-steps';
import { studyOptionsText, studyTemplateLabel } from '../_lib/study-template';
import { useLiveStudy } from '../_lib/use-live-study';

const stageLabels: Record<StudyView['stage'], string> = {
  preparation: 'preparing the data and the measurement steps',
  estimation: 'estimating',
  report: 'writing the report',
  done: 'done',
};

export default function StudyPage() {
  useRequiredSession();
  const { id } = useParams<{ id: string }>();
  const { study, error, update } = useLiveStudy(id);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<ApiError | undefined>(undefined);

  if (!study) {
    return error ? (
      <ErrorMessage message={error.message} code={error.code} />
    ) : (
      <p className="muted">Loading…</p>
    );
  }

  async function cancel() {
    setCancelling(true);
    setCancelError(undefined);
    try {
      update(await api<StudyView>(`/studies/${encodeURIComponent(id)}/cancel`, { method: 'POST' }));
    } catch (caught) {
      setCancelError(caught instanceof ApiError ? caught : new ApiError(0, { message: String(caught) }));
      setCancelling(false);
    }
  }

  const steps = studyStepItems(study);
  const ended = isTerminalStatus(study.status);
  const runTime = formatDuration(study.startedAt ?? study.createdAt, study.finishedAt);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>
            {study.name} <StatusBadge status={study.status} testId="study-status" />
          </h1>
          <dl className="meta">
            <div>
              <dt>Template</dt>
              <dd>{studyTemplateLabel(study.template)}</dd>
            </div>
            <div>
              <dt>Options</dt>
              <dd>{studyOptionsText(study.options)}</dd>
            </div>
            <div>
              <dt>Stage</dt>
              <dd data-testid="study-stage">{stageLabels[study.stage]}</dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>{formatDateTime(study.createdAt)}</dd>
            </div>
            {runTime && (
              <div>
                <dt>Run time</dt>
                <dd>{runTime}</dd>
              </div>
            )}
          </dl>
          <p className="muted">
            The data are simulated (seeded demo panel); the report compares the estimates with the true
            parameters.
          </p>
        </div>
        <div className="actions">
          <Link href="/studies" className="button button-quiet">
            All studies
          </Link>
        </div>
      </div>

      <section className="panel" aria-labelledby="progress-heading" aria-live="polite">
        <h2 id="progress-heading">Progress</h2>
        <StudyProgressSummary
          steps={steps}
          onCancel={ended ? undefined : () => void cancel()}
          cancelling={cancelling}
        />
        {cancelError && <ErrorMessage message={cancelError.message} code={cancelError.code} />}
        {error && (
          <ErrorMessage message={`Could not refresh the study: ${error.message}`} code={error.code} />
        )}
      </section>

      {study.status === 'failed' && <StudyFailures steps={steps} error={study.error ?? undefined} />}
      {study.status === 'cancelled' && <p className="empty">The study was cancelled.</p>}

      <section className="panel" aria-labelledby="steps-heading">
        <h2 id="steps-heading">Steps</h2>
        <StudyStepList steps={steps} link={Link} />
        {(study.datasets || study.weights) && <StudyInputs study={study} />}
      </section>

      {study.report.available && (
        <section className="panel" aria-labelledby="report-heading">
          <h2 id="report-heading">Report</h2>
          {study.report.tables.length > 0 && <StudyTables study={study} />}
          <StudyReportFrame studyId={study.id} />
        </section>
      )}
    </>
  );
}

/** The datasets and weights the study stored: ordinary versions the team can reuse. */
function StudyInputs({ study }: { study: StudyView }) {
  const datasets = study.datasets
    ? ([
        ['panel', 'simulated panel', study.datasets.panel],
        ['texts', 'work-report texts', study.datasets.texts],
        ['analysis', 'analysis panel', study.datasets.analysis],
        ['balanced', 'balanced spatial sample', study.datasets.balanced],
      ] as const)
    : [];
  const weights = study.weights
    ? ([
        ['knn', 'k-nearest neighbours', study.weights.knn],
        ['inverse', 'inverse distance', study.weights.inverse],
        ['economic', 'economic distance', study.weights.economic],
      ] as const)
    : [];
  return (
    <p className="muted" data-testid="study-inputs">
      Stored inputs:{' '}
      {datasets.map(([key, label, datasetId], i) => (
        <span key={key}>
          {i > 0 && ', '}
          <Link href={`/datasets/${datasetId}`}>{label}</Link>
        </span>
      ))}
      {weights.length > 0 && '; weights: '}
      {weights.map(([key, label, weightsId], i) => (
        <span key={key}>
          {i > 0 && ', '}
          <Link href={`/weights/${weightsId}`}>{label}</Link>
        </span>
      ))}
      .
    </p>
  );
}
