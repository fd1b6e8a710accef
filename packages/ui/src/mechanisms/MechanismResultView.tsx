import { formatNumber, formatPValue, significanceStars, starsNote } from '../format';
import { WarningList } from '../SpatialRegressionView';
import { BootstrapHistogram } from './BootstrapHistogram';
import { GroupComparisonTable } from './GroupComparisonTable';
import { MediationDiagram } from './MediationDiagram';
import { ThresholdLrPlot } from './ThresholdLrPlot';
import { ThresholdRegimeTable } from './ThresholdRegimeTable';
import type { HeterogeneityData, MediationData, ThresholdData } from './types';

/** Bootstrap intervals: percentile, bias-corrected (BC) and bias-corrected accelerated (BCa, Efron 1987). */
const intervalNames = { percentile: 'percentile', bc: 'BC', bca: 'BCa' } as const;

export interface MediationResultViewProps {
  result: MediationData;
  treatment: string;
  outcome: string;
}

/** Each mediator: the path diagram, the indirect effect with its tests and bootstrap intervals, and the bootstrap histogram. */
export function MediationResultView({ result, treatment, outcome }: MediationResultViewProps) {
  return (
    <div data-testid="mediation-result">
      {Object.entries(result.mediators).map(([name, m]) => (
        <section key={name} data-mediator={name}>
          <h3>{`Through ${name}`}</h3>
          <MediationDiagram
            treatment={treatment}
            mediator={name}
            outcome={outcome}
            a={m.a}
            b={m.b}
            c={result.total}
            cPrime={m.cPrime}
          />
          <table className="sp-table sp-result-table" data-testid="indirect-effect">
            <caption>Indirect effect a·b</caption>
            <tbody>
              <tr>
                <th scope="row">Estimate</th>
                <td className="sp-num">{`${formatNumber(m.indirect.estimate)}${significanceStars(m.indirect.sobel.p)}`}</td>
              </tr>
              <tr>
                <th scope="row">Sobel z (p)</th>
                <td className="sp-num">{`${formatNumber(m.indirect.sobel.stat, 3)} (${formatPValue(m.indirect.sobel.p)})`}</td>
              </tr>
              <tr>
                <th scope="row">Proportion mediated</th>
                <td className="sp-num">{formatNumber(m.proportionMediated, 3)}</td>
              </tr>
              {m.bootstrap && (
                <>
                  <tr>
                    <th scope="row">{`Bootstrap SE (${m.bootstrap.reps} reps, ${m.bootstrap.failed} failed)`}</th>
                    <td className="sp-num">{formatNumber(m.bootstrap.se)}</td>
                  </tr>
                  {(['percentile', 'bc', 'bca'] as const).map((kind) => (
                    <tr key={kind}>
                      <th scope="row">{`95 % ${intervalNames[kind]} interval`}</th>
                      <td className="sp-num">{`[${formatNumber(m.bootstrap![kind][0])}, ${formatNumber(m.bootstrap![kind][1])}]`}</td>
                    </tr>
                  ))}
                </>
              )}
            </tbody>
          </table>
          {m.bootstrap?.histogram && (
            <BootstrapHistogram
              histogram={m.bootstrap.histogram}
              estimate={m.indirect.estimate}
              interval={m.bootstrap.bca}
              intervalLabel="95 % BCa interval"
            />
          )}
        </section>
      ))}
      <p className="sp-note">{starsNote}</p>
      {result.warnings && <WarningList warnings={result.warnings} />}
    </div>
  );
}

export interface ThresholdResultViewProps {
  result: ThresholdData;
  thresholdVariable: string;
}

/** The threshold and test table, then the LR curve of each threshold. */
export function ThresholdResultView({ result, thresholdVariable }: ThresholdResultViewProps) {
  return (
    <div data-testid="threshold-result">
      <ThresholdRegimeTable result={result} thresholdVariable={thresholdVariable} />
      {result.thresholds.map((t, i) => (
        <ThresholdLrPlot
          key={i}
          threshold={i + 1}
          variable={thresholdVariable}
          estimate={t.estimate}
          critical={result.lrCritical}
          points={result.lrCurve.filter((p) => p.threshold === i + 1)}
        />
      ))}
      {result.warnings && <WarningList warnings={result.warnings} />}
    </div>
  );
}

/** Group fits and difference tests. */
export function HeterogeneityResultView({ result }: { result: HeterogeneityData }) {
  return (
    <div data-testid="heterogeneity-result">
      <GroupComparisonTable result={result} />
      {result.warnings && <WarningList warnings={result.warnings} />}
    </div>
  );
}
