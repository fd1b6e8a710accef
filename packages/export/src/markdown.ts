import type { ComparisonTable } from '@spillover/contracts';
import { cellText } from './cell-text.js';

/** Text inside a Markdown table cell: pipes escaped, no line breaks. */
function escapeMarkdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * The table as GitHub-flavoured Markdown: one pipe table, section titles as bold rows, standard errors in
 * parentheses on the row below each estimate, the notes as a paragraph after it.
 */
export function renderMarkdown(table: ComparisonTable): string {
  const row = (cells: string[]) => `| ${cells.map(escapeMarkdownCell).join(' | ')} |`;
  const lines = [
    `**${escapeMarkdownCell(table.title)}**`,
    '',
    row(['', ...table.columns.map((c) => `${c.label} ${c.title}`)]),
    `|---|${table.columns.map(() => '---:|').join('')}`,
  ];
  for (const section of table.sections) {
    if (section.rows.length === 0) continue;
    if (section.id !== 'coefficients') {
      lines.push(row([`**${section.title}**`, ...table.columns.map(() => '')]));
    }
    for (const r of section.rows) {
      const cells = r.cells.map((cell) => cellText(r, cell, table.digits));
      lines.push(row([r.label, ...cells.map((c) => `${c.main}${c.stars}`)]));
      if (cells.some((c) => c.se)) lines.push(row(['', ...cells.map((c) => c.se)]));
    }
  }
  lines.push('', ...table.notes.map((note) => `${note}  `), '');
  return lines.join('\n');
}
