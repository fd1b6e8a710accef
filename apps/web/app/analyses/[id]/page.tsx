'use client';

import type { AnalysisResult, AnalysisSpec, AnalysisView } from '@spillover/contracts';
import { ErrorMessage, ProgressBar, StatusBadge } from '@spillover/ui';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { MoranResultView } from '../../../components/MoranResultView';
import { RegressionResultView } from '../../../components/RegressionResultView';
import { analysisTitle, modelLabel, specFormula } from '../../../lib/analysis-labels';
import { formatDateTime, formatDuration } from '../../../lib/format';
import { effectLabels, vcovOptions } from '../../../lib/regression-form';
import { useRequiredSession } from '../../../lib/session';
import { isTerminal, useLiveAnalysis } from '../../../lib/use-live-analysis';

export default function AnalysisPage() {
  useRequiredSession();
  const { id } = useParams<{ id: string }>();
  const { analysis, error, source } = useLiveAnalysis(id);

  if (!analysis) {
    return error ? (
      <ErrorMessage message={error.message} code={error.code} />
    ) : (
      <p className="muted">Loading…</p>
    );
  }
  const spec = analysis.spec;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>
            {analysisTitle(analysis)} <StatusBadge status={analysis.status} />
          </h1>
          <dl className="meta">
            <div>
              <dt>Model</dt>
              <dd>{modelLabel(analysis.model ?? (spec.kind === 'regression' ? spec.model : spec.kind))}</dd>
            </div>
            {spec.kind === 'regression' && (
              <>
                <div>
                  <dt>Effects</dt>
                  <dd>{effectLabels[spec.effects]}</dd>
                </div>
                <div>
                  <dt>Standard errors</dt>
                  <dd>{vcovOptions.find((v) => v.value === spec.vcov)?.label ?? spec.vcov}</dd>
                </div>
              </>
            )}
            <div>
              <dt>Formula</dt>
              <dd>
                <code>{specFormula(spec)}</code>
              </dd>
            </div>
            <div>
              <dt>Dataset</dt>
              <dd>
                <Link href={`/datasets/${analysis.datasetId}`}>open</Link>
              </dd>
            </div>
            <div>
              <dt>Submitted</dt>
              <dd>{formatDateTime(analysis.createdAt)}</dd>
            </div>
            {formatDuration(analysis.startedAt, analysis.finishedAt) && (
              <div>
                <dt>Run time</dt>
                <dd>{formatDuration(analysis.startedAt, analysis.finishedAt)}</dd>
              </div>
            )}
          </dl>
        </div>
      </div>
      {!isTerminal(analysis.status) && <Running analysis={analysis} source={source} />}
      {analysis.status === 'failed' && analysis.error && (
        <ErrorMessage
          message={analysis.error.message}
          code={analysis.error.code}
          details={analysis.error.details}
        />
      )}
      {analysis.status === 'cancelled' && <p className="empty">The analysis was cancelled.</p>}
      {analysis.status === 'succeeded' && analysis.result && (
        <section className="panel" aria-labelledby="result-heading">
          <h2 id="result-heading">Result</h2>
          <ResultView result={analysis.result} spec={spec} />
        </section>
      )}
    </>
  );
}

function ResultView({ result, spec }: { result: AnalysisResult; spec: AnalysisSpec }) {
  switch (result.kind) {
    case 'regression':
      return (
        <RegressionResultView
          result={result}
          y={spec.kind === 'regression' ? spec.y : ''}
          x={spec.kind === 'regression' ? spec.x : []}
        />
      );
    case 'moran':
      return <MoranResultView result={result} />;
    default:
      // Kinds without a dedicated view yet: the result JSON as the contract defines it.
      return (
        <pre className="spec-preview" data-testid="result-json">
          {JSON.stringify(result, null, 2)}
        </pre>
      );
  }
}

function Running({ analysis, source }: { analysis: AnalysisView; source: 'events' | 'polling' | undefined }) {
  const progress = analysis.progress;
  const detail =
    analysis.status === 'queued'
      ? 'Waiting for a worker…'
      : [progress?.stage, progress?.message].filter(Boolean).join(': ') || 'Starting…';
  return (
    <section className="panel" aria-live="polite" data-source={source}>
      <ProgressBar
        label="Estimation progress"
        done={progress?.done ?? 0}
        total={analysis.status === 'running' ? (progress?.total ?? 0) : 0}
        detail={analysis.attempts > 1 ? `${detail} (attempt ${analysis.attempts})` : detail}
      />
    </section>
  );
}
