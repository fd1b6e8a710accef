/**
 * `location-quotient`: LQ_it = (e_it / E_it) / (e_Nt / E_Nt) of a sector, with the national
 * sector and total summed over the panel's units in each period, or read from two columns (then
 * constant within a period); with `area`, also the density e_it / area_it.
 * A missing cell, a total ≤ 0, a negative sector value or an area ≤ 0 is an error naming the
 * column, unit, period and line.
 */
import { SpilloverError, type LocationQuotientResult, type LocationQuotientSpec } from '@spillover/contracts';
import { requireNumericColumn, type Panel } from '../data/panel.js';
import { density, locationQuotients, sumByPeriod } from '../measurement/location-quotient.js';
import { panelOrder } from '../measurement/panel-order.js';
import type { RunHooks } from './run-analysis.js';

type Field = 'sector' | 'total' | 'nationalSector' | 'nationalTotal' | 'area';

export function runLocationQuotient(
  spec: LocationQuotientSpec,
  panel: Panel,
  hooks: RunHooks = {},
): LocationQuotientResult {
  if ((spec.nationalSector === undefined) !== (spec.nationalTotal === undefined)) {
    const field = spec.nationalSector === undefined ? 'nationalSector' : 'nationalTotal';
    throw new SpilloverError(
      'INVALID_SPEC',
      `${field}: give both nationalSector and nationalTotal, or neither`,
      { field },
    );
  }
  const read = (field: Field, minimum: number, strict: boolean): Float64Array | undefined => {
    const name = spec[field];
    if (name === undefined) return undefined;
    const values = requireNumericColumn(panel, name, field);
    for (let r = 0; r < panel.nrows; r++) {
      const v = values[r]!;
      if (Number.isNaN(v) || (strict ? v <= minimum : v < minimum)) {
        const unit = panel.units[panel.unitIndex[r]!]!;
        const time = panel.times[panel.timeIndex[r]!]!;
        const problem = Number.isNaN(v)
          ? 'is missing'
          : `is ${v}, but must be ${strict ? '>' : '≥'} ${minimum}`;
        throw new SpilloverError(
          'VALIDATION_FAILED',
          `${field}: column "${name}" ${problem} for unit "${unit}" in period ${time} (line ${panel.lines[r]})`,
          {
            field,
            column: name,
            unit,
            time,
            row: panel.lines[r],
          },
        );
      }
    }
    return values;
  };
  const sector = read('sector', 0, false)!;
  const total = read('total', 0, true)!;
  const area = read('area', 0, true);
  const nperiods = panel.times.length;
  let nationalSector: Float64Array;
  let nationalTotal: Float64Array;
  if (spec.nationalSector !== undefined) {
    nationalSector = perPeriod(
      panel,
      read('nationalSector', 0, false)!,
      'nationalSector',
      spec.nationalSector,
    );
    nationalTotal = perPeriod(panel, read('nationalTotal', 0, true)!, 'nationalTotal', spec.nationalTotal!);
  } else {
    nationalSector = sumByPeriod(sector, panel.timeIndex, nperiods);
    nationalTotal = sumByPeriod(total, panel.timeIndex, nperiods);
  }
  nationalSector.forEach((value, t) => {
    if (!(value > 0)) {
      throw new SpilloverError(
        'INSUFFICIENT_DATA',
        `the national sector total of period ${panel.times[t]} is ${value}: the location quotient is undefined`,
        {
          field: spec.nationalSector ? 'nationalSector' : 'sector',
          time: panel.times[t],
        },
      );
    }
  });
  const lq = locationQuotients(sector, total, panel.timeIndex, nationalSector, nationalTotal);
  const perKm2 = area ? density(sector, area) : undefined;
  const order = panelOrder(panel);
  hooks.onProgress?.({ stage: 'location-quotient', done: 1, total: 1 });
  return {
    kind: 'location-quotient',
    nobs: panel.nrows,
    nunits: panel.units.length,
    nperiods,
    national: panel.times.map((time, t) => ({
      time,
      sector: nationalSector[t]!,
      total: nationalTotal[t]!,
      share: nationalSector[t]! / nationalTotal[t]!,
    })),
    values: Array.from(order, (r) => ({
      unit: panel.units[panel.unitIndex[r]!]!,
      time: panel.times[panel.timeIndex[r]!]!,
      lq: lq[r]!,
      ...(perKm2 ? { density: perKm2[r]! } : {}),
    })),
  };
}

/** The value of a per-period column in each period; it must be the same in every row of the period. */
function perPeriod(panel: Panel, values: Float64Array, field: Field, name: string): Float64Array {
  const out = new Float64Array(panel.times.length).fill(NaN);
  const firstRow = new Int32Array(panel.times.length).fill(-1);
  for (let r = 0; r < panel.nrows; r++) {
    const t = panel.timeIndex[r]!;
    if (firstRow[t]! < 0) {
      firstRow[t] = r;
      out[t] = values[r]!;
    } else if (values[r] !== out[t]) {
      throw new SpilloverError(
        'VALIDATION_FAILED',
        `${field}: column "${name}" must be the same for every unit of period ${panel.times[t]}, but line ${panel.lines[firstRow[t]!]} holds ${out[t]} and line ${panel.lines[r]} holds ${values[r]}`,
        { field, column: name, time: panel.times[t], row: panel.lines[r] },
      );
    }
  }
  return out;
}
