import { z } from 'zod';
import type { AnalysisSpec } from './spec.js';
import { KeywordDictionary } from './measurement.js';
import type { StudyDatasetRole, StudyTemplate } from './studies.js';

/**
 * Dataset versions made by the platform rather than uploaded as a panel: the panel of a measurement
 * analysis with its new columns, and the panel of uploaded policy texts. Their recipe says how.
 */

/** Kinds whose result the worker also stores as a new dataset version (the panel plus new columns). */
export const derivingKinds = ['entropy-index', 'location-quotient', 'keyword-count', 'transform'] as const;
export type DerivingKind = (typeof derivingKinds)[number];

export function isDerivingKind(kind: string): kind is DerivingKind {
  return (derivingKinds as readonly string[]).includes(kind);
}

/** How a dataset version came to be, when it was not uploaded as a panel CSV. */
export type DatasetRecipe =
  | {
      source: 'measurement';
      /** The analysis whose result added the columns, and its spec (defaults filled in). */
      analysisId: string;
      spec: AnalysisSpec;
      sourceDatasetId: string;
      sourceName: string;
      sourceVersion: number;
      /** The columns appended to the source panel. */
      columns: string[];
    }
  | {
      source: 'texts';
      /** `zip`: one `<unit>_<period>.txt` per text; `csv`: a CSV with unit, time and text columns. */
      format: 'zip' | 'csv';
      texts: number;
      textColumn: string;
    }
  | {
      /** A panel a study template generated or derived (see StudyView.datasets). */
      source: 'study';
      studyId: string;
      template: StudyTemplate;
      role: StudyDatasetRole;
    };

const datasetName = z.string().trim().min(1).max(200);
const columnName = z.string().min(1);

/** Query of `POST /texts`; the body is a ZIP archive (application/zip) or a CSV (text/csv). */
export const UploadTextsQuery = z.strictObject({
  teamId: z.string().uuid(),
  name: datasetName,
  /** Column names of the panel written from a ZIP, or expected in an uploaded CSV. */
  unit: columnName.default('unit'),
  time: columnName.default('time'),
  text: columnName.default('text'),
  /** Name of the uploaded file, for messages (the body carries none). */
  fileName: z.string().trim().min(1).max(255).optional(),
});
export type UploadTextsQuery = z.infer<typeof UploadTextsQuery>;

/** Body of `POST /texts/preview`: keyword counts of the first `limit` texts of a texts dataset. */
export const PreviewTextsBody = z.strictObject({
  datasetId: z.string().uuid(),
  text: columnName.default('text'),
  dictionary: KeywordDictionary.optional(),
  limit: z.number().int().min(1).max(500).default(20),
});
export type PreviewTextsBody = z.infer<typeof PreviewTextsBody>;

/** `GET /texts/dictionary`: the default keyword dictionary the preview and keyword-count start from. */
export interface KeywordDictionaryView {
  terms: string[];
}
