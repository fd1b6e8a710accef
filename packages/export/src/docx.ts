import type { ComparisonTable } from '@spillover/contracts';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IBorderOptions,
} from 'docx';
import { cellText } from './cell-text.js';

const rule: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
const thinRule: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function cell(paragraphs: Paragraph[], options: { top?: boolean; bottom?: boolean } = {}): TableCell {
  return new TableCell({
    children: paragraphs,
    borders: {
      top: options.top ? thinRule : none,
      bottom: options.bottom ? thinRule : none,
      left: none,
      right: none,
    },
  });
}

function text(value: string, options: { italics?: boolean; alignment?: 'left' | 'center' } = {}): Paragraph {
  return new Paragraph({
    alignment: options.alignment === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
    children: [new TextRun({ text: value, italics: options.italics })],
  });
}

/**
 * The table as a Word document: journal style with rules above and below the table and under the header
 * (as booktabs), estimates with superscript stars and standard errors below them, notes after the table.
 */
export async function renderDocx(table: ComparisonTable): Promise<Buffer> {
  const n = table.columns.length;
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      children: [
        cell([text('')]),
        ...table.columns.map((c) => cell([text(c.label, { alignment: 'center' })])),
      ],
    }),
    new TableRow({
      tableHeader: true,
      children: [
        cell([text('')], { bottom: true }),
        ...table.columns.map((c) => cell([text(c.title, { alignment: 'center' })], { bottom: true })),
      ],
    }),
  ];
  for (const section of table.sections) {
    if (section.rows.length === 0) continue;
    if (section.id !== 'coefficients') {
      rows.push(
        new TableRow({
          children: [
            new TableCell({
              columnSpan: n + 1,
              children: [text(section.title, { italics: true })],
              borders: { top: thinRule, bottom: none, left: none, right: none },
            }),
          ],
        }),
      );
    }
    for (const row of section.rows) {
      const cells = row.cells.map((c) => cellText(row, c, table.digits));
      rows.push(
        new TableRow({
          children: [
            cell([text(row.label)]),
            ...cells.map((c) => {
              const main = new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun(c.main), new TextRun({ text: c.stars, superScript: true })],
              });
              return cell(c.se ? [main, text(c.se, { alignment: 'center' })] : [main]);
            }),
          ],
        }),
      );
    }
  }
  const document = new Document({
    creator: 'Spillover',
    title: table.title,
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: table.title, bold: true })] }),
          new Table({
            rows,
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: {
              top: rule,
              bottom: rule,
              left: none,
              right: none,
              insideHorizontal: none,
              insideVertical: none,
            },
          }),
          ...table.notes.map((note) => new Paragraph({ children: [new TextRun({ text: note, size: 18 })] })),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
