/**
 * Tables of the study report: one model (label, cells, standard errors below in parentheses) written
 * as booktabs LaTeX, CSV and HTML. Stars: *** p < 0.01, ** p < 0.05, * p < 0.1. In HTML the title
 * links to the table's analysis and each column header to its own, when the platform gives links.
 */

export interface Cell {
  text: string;
  /** Standard error shown below in parentheses. */
  se?: string;
}

export interface TableRow {
  label: string;
  cells: Cell[];
}

export interface Table {
  id: string;
  /** The step the table reports (its first column's, when columns come from several steps). */
  stepId: string;
  /** The step of each column, when columns come from different steps. */
  columnSteps?: (string | undefined)[];
  title: string;
  header: string[];
  rows: TableRow[];
  notes: string[];
}

/** A table none of whose steps has a result: shown as a notice naming the steps and reasons. */
export interface FailedTable {
  id: string;
  stepId: string;
  title: string;
  failures: StepFailure[];
}

export interface StepFailure {
  stepId: string;
  reason: string;
}

export type LinkOf = (stepId: string) => string | undefined;

export interface EstimateLike {
  estimate: number;
  se?: number;
  p?: number;
}

export function formatNumber(x: number | undefined, digits = 3): string {
  if (x === undefined || !Number.isFinite(x)) return '';
  return x.toFixed(digits);
}

/** A p-value: three decimals, or "<0.001". */
export function formatP(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return '';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

export function stars(p: number | undefined): string {
  if (p === undefined) return '';
  return p < 0.01 ? '***' : p < 0.05 ? '**' : p < 0.1 ? '*' : '';
}

/** An estimate with its stars and, below, its SE in parentheses. */
export function estimateCell(e: EstimateLike | undefined, digits = 3): Cell {
  if (!e) return { text: '' };
  return {
    text: `${formatNumber(e.estimate, digits)}${stars(e.p)}`,
    ...(e.se !== undefined ? { se: `(${formatNumber(e.se, digits)})` } : {}),
  };
}

export const textCell = (text: string | number): Cell => ({
  text: typeof text === 'number' ? formatNumber(text) : text,
});

// ---------------------------------------------------------------- CSV

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function tableCsv(t: Table): string {
  const lines = [['', ...t.header].map(csvField).join(',')];
  for (const row of t.rows) {
    lines.push([row.label, ...row.cells.map((c) => c.text)].map(csvField).join(','));
    if (row.cells.some((c) => c.se)) {
      lines.push(['', ...row.cells.map((c) => c.se ?? '')].map(csvField).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- LaTeX (booktabs)

const greek: Record<string, string> = {
  ρ: '\\rho',
  θ: '\\theta',
  τ: '\\tau',
  η: '\\eta',
  β: '\\beta',
  σ: '\\sigma',
  χ: '\\chi',
  λ: '\\lambda',
  '²': '^2',
};

export function latexEscape(text: string): string {
  return text
    .replace(/\\/g, '\\textbackslash{}')
    .replace(/([_%&#$])/g, '\\$1')
    .replace(/[ρθτηβσχλ²]/g, (c) => `$${greek[c]}$`)
    .replace(/×/g, '$\\times$')
    .replace(/→/g, '$\\rightarrow$')
    .replace(/≤/g, '$\\leq$');
}

/** Stars are written as superscripts: 0.123*** → 0.123$^{***}$. */
function latexCell(text: string): string {
  const m = /^(.*?)(\*+)$/.exec(text);
  return m ? `${latexEscape(m[1]!)}$^{${m[2]}}$` : latexEscape(text);
}

export function tableTex(t: Table): string {
  const cols = t.header.length;
  const lines = [
    '\\begin{table}[htbp]',
    '\\centering',
    `\\caption{${latexEscape(t.title)}}`,
    `\\label{tab:${t.id}}`,
    `\\begin{tabular}{l${'c'.repeat(cols)}}`,
    '\\toprule',
    ` & ${t.header.map(latexEscape).join(' & ')} \\\\`,
    '\\midrule',
  ];
  for (const row of t.rows) {
    lines.push(`${latexEscape(row.label)} & ${row.cells.map((c) => latexCell(c.text)).join(' & ')} \\\\`);
    if (row.cells.some((c) => c.se)) lines.push(` & ${row.cells.map((c) => c.se ?? '').join(' & ')} \\\\`);
  }
  lines.push('\\bottomrule', '\\end{tabular}');
  if (t.notes.length > 0) {
    lines.push(`\\par\\smallskip\\footnotesize ${t.notes.map(latexEscape).join(' ')}`);
  }
  lines.push('\\end{table}');
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- HTML

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** ` <a class="analysis" href="…">analysis</a>` when the step has a link. */
export function analysisLink(
  stepId: string | undefined,
  linkOf: LinkOf | undefined,
  text = 'analysis',
): string {
  const href = stepId === undefined ? undefined : linkOf?.(stepId);
  return href ? ` <a class="analysis" href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : '';
}

export function failureText(f: StepFailure): string {
  return `${f.stepId}: step failed: ${f.reason}`;
}

export function tableHtml(t: Table | FailedTable, linkOf?: LinkOf): string {
  const title = `<figcaption class="title">${escapeHtml(t.title)}${analysisLink(t.stepId, linkOf)}</figcaption>`;
  if ('failures' in t) {
    const items = t.failures
      .map(
        (f) =>
          `<li>${escapeHtml(failureText(f))}${f.stepId === t.stepId ? '' : analysisLink(f.stepId, linkOf)}</li>`,
      )
      .join('');
    return `<figure class="table failed" id="tab-${t.id}">${title}<ul class="failed">${items}</ul></figure>`;
  }
  const headerCell = (h: string, k: number) => {
    const href = t.columnSteps?.[k] === undefined ? undefined : linkOf?.(t.columnSteps[k]!);
    return `<th>${href ? `<a href="${escapeHtml(href)}">${escapeHtml(h)}</a>` : escapeHtml(h)}</th>`;
  };
  const head = `<tr><th></th>${t.header.map(headerCell).join('')}</tr>`;
  const body = t.rows
    .map((row) => {
      const main = `<tr><th scope="row">${escapeHtml(row.label)}</th>${row.cells.map((c) => `<td>${escapeHtml(c.text)}</td>`).join('')}</tr>`;
      const se = row.cells.some((c) => c.se)
        ? `<tr class="se"><th></th>${row.cells.map((c) => `<td>${escapeHtml(c.se ?? '')}</td>`).join('')}</tr>`
        : '';
      return main + se;
    })
    .join('\n');
  const notes =
    t.notes.length > 0 ? `<figcaption class="notes">${t.notes.map(escapeHtml).join(' ')}</figcaption>` : '';
  return `<figure class="table" id="tab-${t.id}">${title}
<table><thead>${head}</thead><tbody>
${body}
</tbody></table>${notes}</figure>`;
}
