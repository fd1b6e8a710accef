import type { TableCell, TableRow } from '@spillover/contracts';
import { formatFixed, formatInteger } from './number-format.js';

/** A cell as text: the main line (estimate or value, without stars) and the SE line of an estimate. */
export interface CellText {
  main: string;
  stars: string;
  se: string;
}

export function cellText(row: TableRow, cell: TableCell | null, digits: number): CellText {
  if (!cell) return { main: '', stars: '', se: '' };
  switch (row.format) {
    case 'estimate':
      return {
        main: formatFixed(cell.value, digits),
        stars: cell.stars ?? '',
        se: cell.se === undefined ? '' : `(${formatFixed(cell.se, digits)})`,
      };
    case 'number':
      return { main: formatFixed(cell.value, digits), stars: '', se: '' };
    case 'integer':
      return { main: formatInteger(cell.value), stars: '', se: '' };
    case 'text':
      return { main: cell.text ?? '', stars: '', se: '' };
  }
}
