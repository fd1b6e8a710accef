'use client';

import type { AnalysisResult, AnalysisSpec, WeightsView } from '@spillover/contracts';
import { ErrorMessage, StatusBadge } from '@spillover/ui';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { LiveRunPanel } from '../../../components/mechanisms/LiveRunPanel';
import { MechanismResult } from '../../../components/mechanisms/MechanismResult';
import { AnalysisProvenancePanel } from '../../../components/AnalysisProvenancePanel';
import { MoranResultView } from '../../../components/MoranResultView';
import { RegressionResultView } from '../../../components/RegressionResultView';
import { analysisTitle, modelLabel, specFormula } from '../../../lib/analysis-labels';
import { formatDateTime, formatDuration } from '../../../lib/format';
import { effectLabels, vcovOptions } from '../../../lib/regression-form';
import { useRequiredSession } from '../../../lib/session';
import { useApi } from '../../../lib/use-api';
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
            {(spec.kind === 'regression' || spec.kind === 'moran') && spec.weights?.id && (
              <div>
                <dt>Weights</dt>
                <dd>
                  <WeightsName id={spec.weights.id} />
                  {spec.weights.style === 'row' ? ', row-standardised' : ', as given'}
                </dd>
              </div>
            )}
            {spec.kind === 'regression' && spec.leeYu && (
              <div>
                <dt>Lee–Yu</dt>
                <dd>bias-corrected</dd>
              </div>
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
      {!isTerminal(analysis.status) && <LiveRunPanel analysis={analysis} source={source} />}
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
      <AnalysisProvenancePanel analysis={analysis} />
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
    case 'mediation':
    case 'threshold':
    case 'heterogeneity':
      return <MechanismResult result={result} spec={spec} />;
    case 'entropy-index':
    case 'location-quotient':
    case 'keyword-count':
    case 'transform':
      // Kinds without a dedicated view yet: the result JSON as the contract defines it.
      return (
        <pre className="spec-preview" data-testid="result-json">
          {JSON.stringify(result, null, 2)}
        </pre>
      );
  }
}

/** Name and version of stored weights, linked to their summary. */
function WeightsName({ id }: { id: string }) {
  const { data } = useApi<WeightsView>(`/weights/${encodeURIComponent(id)}`);
  return <Link href={`/weights/${id}`}>{data ? `${data.name} v${data.version}` : 'open'}</Link>;
}
