import type { StreamableFile } from '@nestjs/common';
import type { ComparisonTable, ExportFormat, ExportQuery } from '@spillover/contracts';
import { renderCsv, renderDocx, renderLatex, renderMarkdown } from '@spillover/export';
import type { Response } from 'express';
import { attachment } from '../common/attachment.js';

const formats: Record<ExportFormat, { extension: string; type: string }> = {
  latex: { extension: 'tex', type: 'application/x-tex; charset=utf-8' },
  markdown: { extension: 'md', type: 'text/markdown; charset=utf-8' },
  csv: { extension: 'csv', type: 'text/csv; charset=utf-8' },
  docx: {
    extension: 'docx',
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
};

/** The table rendered in the asked format, as a download named after `stem`. */
export async function exportFile(
  response: Response,
  table: ComparisonTable,
  query: ExportQuery,
  stem: string,
): Promise<StreamableFile> {
  const { extension, type } = formats[query.format];
  let bytes: Uint8Array;
  switch (query.format) {
    case 'latex':
      bytes = Buffer.from(renderLatex(table), 'utf8');
      break;
    case 'markdown':
      bytes = Buffer.from(renderMarkdown(table), 'utf8');
      break;
    case 'csv':
      bytes = Buffer.from(renderCsv(table, { raw: query.raw === 'true' || query.raw === '1' }), 'utf8');
      break;
    case 'docx':
      bytes = await renderDocx(table);
      break;
  }
  return attachment(response, bytes, type, `${stem}.${extension}`);
}
