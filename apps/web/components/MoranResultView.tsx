'use client';

import type { MoranResult } from '@spillover/contracts';
import { MoranChart, MoranScatter, MoranTable, Select, WarningList } from '@spillover/ui';
import { useState } from 'react';

/** Moran's I by period (table and line chart) and the Moran scatter plot of a chosen period. */
export function MoranResultView({ result }: { result: MoranResult }) {
  const scatter = result.scatter ?? [];
  const [time, setTime] = useState(() => String(scatter[scatter.length - 1]?.time ?? ''));
  const period = scatter.find((s) => String(s.time) === time);
  const permutation = result.byTime.some((p) => p.pPermutation !== undefined);
  const points = result.byTime.map((p) => ({
    time: p.time,
    I: p.I,
    expectation: p.expectation,
    p: (permutation ? p.pPermutation : undefined) ?? p.pTwoSided,
  }));

  return (
    <div className="result-grid">
      <MoranChart
        points={points}
        variable={result.variable}
        pLabel={permutation ? 'permutation' : 'two-sided'}
      />
      <MoranTable
        variable={result.variable}
        nunits={result.nunits}
        byTime={result.byTime}
        pooled={result.pooled}
      />
      {scatter.length > 0 && (
        <section aria-labelledby="scatter-heading">
          <h3 id="scatter-heading">Moran scatter plot</h3>
          <div className="scatter-period">
            <Select
              id="scatter-time"
              label="Period of the scatter plot"
              value={time}
              options={scatter.map((s) => ({ value: String(s.time) }))}
              onChange={setTime}
            />
          </div>
          {period && <MoranScatter points={period.points} variable={result.variable} time={period.time} />}
        </section>
      )}
      {result.warnings && result.warnings.length > 0 && <WarningList warnings={result.warnings} />}
    </div>
  );
}
