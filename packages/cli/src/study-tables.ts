/**
 * Tables of the study report: one model (label, cells, standard errors below in parentheses) written
 * as booktabs LaTeX, CSV and HTML. Stars: *** p < 0.01, ** p < 0.05, * p < 0.1.
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
  title: string;
  header: string[];
  rows: TableRow[];
  notes: string[];
}

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

export function tableHtml(t: Table): string {
  const head = `<tr><th></th>${t.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
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
  return `<figure class="table" id="tab-${t.id}"><figcaption class="title">${escapeHtml(t.title)}</figcaption>
<table><thead>${head}</thead><tbody>
${body}
</tbody></table>${notes}</figure>`;
}
