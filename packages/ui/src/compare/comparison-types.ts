/** The comparison table as the API sends it (structurally; the UI does not depend on the contracts). */

export interface ComparisonCell {
  value?: number;
  se?: number;
  p?: number;
  stars?: string;
  text?: string;
}

export interface ComparisonRow {
  key: string;
  label: string;
  format: 'estimate' | 'number' | 'integer' | 'text';
  cells: (ComparisonCell | null)[];
}

export interface ComparisonSection {
  id: string;
  title: string;
  rows: ComparisonRow[];
}

export interface ComparisonColumn {
  analysisId: string;
  label: string;
  title: string;
}

export interface ComparisonTableData {
  title: string;
  columns: ComparisonColumn[];
  sections: ComparisonSection[];
  digits: number;
  notes: string[];
}
