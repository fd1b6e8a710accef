import { useId } from 'react';
import { formatNumber, significanceStars } from '../format';
import type { EstimateData } from './types';

export interface MediationDiagramProps {
  treatment: string;
  mediator: string;
  outcome: string;
  a: EstimateData;
  b: EstimateData;
  /** Total effect c (y ~ t) and direct effect c′ (y ~ t + m). */
  c: EstimateData;
  cPrime: EstimateData;
}

const box = { width: 150, height: 44 };

function pathLabel(name: string, estimate: EstimateData): string {
  return `${name} = ${formatNumber(estimate.estimate, 3)}${significanceStars(estimate.p)}`;
}

/**
 * The single-mediator path diagram: X → M (a), M → Y (b), X → Y direct (c′), with the total effect c
 * under it; stars by each path's p-value.
 */
export function MediationDiagram({ treatment, mediator, outcome, a, b, c, cPrime }: MediationDiagramProps) {
  const titleId = useId();
  const width = 560;
  const height = 220;
  const x = { left: 20, right: width - 20 - box.width, middle: (width - box.width) / 2 };
  const y = { top: 20, bottom: 140 };
  const centre = (bx: number, by: number) => ({ cx: bx + box.width / 2, cy: by + box.height / 2 });
  const t = centre(x.left, y.bottom);
  const m = centre(x.middle, y.top);
  const o = centre(x.right, y.bottom);
  const markerId = `${titleId}-arrow`;
  const node = (label: string, bx: number, by: number, testId: string) => (
    <g data-testid={testId}>
      <rect className="sp-diagram-box" x={bx} y={by} width={box.width} height={box.height} rx={6} />
      <text x={bx + box.width / 2} y={by + box.height / 2} dy="0.32em" textAnchor="middle">
        {label}
      </text>
    </g>
  );
  return (
    <figure className="sp-chart" data-testid="mediation-diagram">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} className="sp-chart-svg">
        <title id={titleId}>
          {`Mediation of ${treatment} on ${outcome} through ${mediator}: ${pathLabel('a', a)}, ${pathLabel('b', b)}, ${pathLabel('c′', cPrime)}, ${pathLabel('c', c)}`}
        </title>
        <defs>
          <marker
            id={markerId}
            viewBox="0 0 10 10"
            refX={10}
            refY={5}
            markerWidth={8}
            markerHeight={8}
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" className="sp-diagram-arrowhead" />
          </marker>
        </defs>
        <g className="sp-diagram-paths">
          <line
            x1={t.cx}
            y1={y.bottom}
            x2={m.cx - 30}
            y2={y.top + box.height}
            markerEnd={`url(#${markerId})`}
          />
          <line
            x1={m.cx + 30}
            y1={y.top + box.height}
            x2={o.cx}
            y2={y.bottom}
            markerEnd={`url(#${markerId})`}
          />
          <line x1={x.left + box.width} y1={t.cy} x2={x.right} y2={o.cy} markerEnd={`url(#${markerId})`} />
        </g>
        <text
          className="sp-diagram-label"
          x={(t.cx + m.cx) / 2 - 24}
          y={(y.bottom + y.top + box.height) / 2}
          textAnchor="end"
          data-testid="path-a"
        >
          {pathLabel('a', a)}
        </text>
        <text
          className="sp-diagram-label"
          x={(m.cx + o.cx) / 2 + 24}
          y={(y.bottom + y.top + box.height) / 2}
          data-testid="path-b"
        >
          {pathLabel('b', b)}
        </text>
        <text
          className="sp-diagram-label"
          x={width / 2}
          y={t.cy - 8}
          textAnchor="middle"
          data-testid="path-c-prime"
        >
          {pathLabel('c′', cPrime)}
        </text>
        <text
          className="sp-diagram-label"
          x={width / 2}
          y={height - 12}
          textAnchor="middle"
          data-testid="path-c"
        >
          {`total ${pathLabel('c', c)}`}
        </text>
        {node(treatment, x.left, y.bottom, 'node-treatment')}
        {node(mediator, x.middle, y.top, 'node-mediator')}
        {node(outcome, x.right, y.bottom, 'node-outcome')}
      </svg>
    </figure>
  );
}
