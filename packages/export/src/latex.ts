import type { ComparisonTable } from '@spillover/contracts';
import { cellText } from './cell-text.js';

const specials: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '·': '$\\cdot$',
  '×': '$\\times$',
  '−': '$-$',
  '²': '$^2$',
  ρ: '$\\rho$',
  λ: '$\\lambda$',
  τ: '$\\tau$',
  η: '$\\eta$',
  σ: '$\\sigma$',
  '–': '--',
  // OT1-encoded fonts print < and > as ¡ and ¿ outside math mode
  '<': '$<$',
  '>': '$>$',
};

/** Text for a LaTeX document: the ten special characters escaped, Greek letters and symbols in math mode. */
export function escapeLatex(text: string): string {
  return [...text].map((ch) => specials[ch] ?? ch).join('');
}

/** A number for LaTeX text mode: a true minus sign. */
function latexNumber(text: string): string {
  return text.startsWith('-') ? `$-$${text.slice(1)}` : text;
}

/**
 * The table as a LaTeX `table` with booktabs rules (\toprule, \midrule, \bottomrule): estimates with stars
 * as superscripts, standard errors in parentheses on the line below, and the notes under the last rule.
 * Needs \usepackage{booktabs} in the preamble.
 */
export function renderLatex(table: ComparisonTable): string {
  const n = table.columns.length;
  const lines: string[] = [
    '% requires \\usepackage{booktabs}',
    '\\begin{table}[htbp]',
    '\\centering',
    `\\caption{${escapeLatex(table.title)}}`,
    `\\begin{tabular}{l${'c'.repeat(n)}}`,
    '\\toprule',
    ` & ${table.columns.map((c) => escapeLatex(c.label)).join(' & ')} \\\\`,
    ` & ${table.columns.map((c) => escapeLatex(c.title)).join(' & ')} \\\\`,
  ];
  for (const section of table.sections) {
    if (section.rows.length === 0) continue;
    lines.push('\\midrule');
    if (section.id !== 'coefficients') {
      lines.push(`\\multicolumn{${n + 1}}{l}{\\textit{${escapeLatex(section.title)}}} \\\\`);
    }
    for (const row of section.rows) {
      const cells = row.cells.map((cell) => cellText(row, cell, table.digits));
      const main = cells.map((c) =>
        row.format === 'text'
          ? escapeLatex(c.main)
          : `${latexNumber(c.main)}${c.stars ? `$^{${c.stars}}$` : ''}`,
      );
      lines.push(`${escapeLatex(row.label)} & ${main.join(' & ')} \\\\`);
      if (cells.some((c) => c.se)) lines.push(` & ${cells.map((c) => c.se).join(' & ')} \\\\`);
    }
  }
  lines.push('\\bottomrule');
  for (const note of table.notes) {
    lines.push(`\\multicolumn{${n + 1}}{l}{\\footnotesize ${escapeLatex(note)}} \\\\`);
  }
  lines.push('\\end{tabular}', '\\end{table}', '');
  return lines.join('\n');
}
