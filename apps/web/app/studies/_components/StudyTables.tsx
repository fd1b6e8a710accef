import type { StudyView } from '@spillover/contracts';
import Link from 'next/link';
import { apiDownloadUrl } from '../../../lib/download';
import './studies.css';

/** The report's tables: each linked to its analysis, with LaTeX (booktabs) and CSV downloads. */
export function StudyTables({ study }: { study: StudyView }) {
  const titles = new Map(study.steps.map((s) => [s.stepId, s.title]));
  const tablePath = (tableId: string) =>
    `/studies/${encodeURIComponent(study.id)}/tables/${encodeURIComponent(tableId)}`;
  return (
    <table className="sp-table study-tables" data-testid="study-tables">
      <thead>
        <tr>
          <th scope="col">Table</th>
          <th scope="col">Analysis</th>
          <th scope="col">Downloads</th>
        </tr>
      </thead>
      <tbody>
        {study.report.tables.map((t) => (
          <tr key={t.id} data-table={t.id}>
            <th scope="row">
              <code>{t.id}</code>
            </th>
            <td>
              <Link href={`/analyses/${t.analysisId}`}>{titles.get(t.stepId) ?? t.stepId}</Link>
            </td>
            <td>
              <a href={apiDownloadUrl(tablePath(t.id), { format: 'tex' })} download data-testid="table-tex">
                LaTeX
              </a>{' '}
              ·{' '}
              <a href={apiDownloadUrl(tablePath(t.id), { format: 'csv' })} download data-testid="table-csv">
                CSV
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
