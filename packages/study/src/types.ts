/**
 * The study's shared types: what `prepareStudy` returns (data, weights, measurement steps already run,
 * the plan of estimation steps), what a runner collects per step, and what `buildStudyReport` returns.
 * The CLI runs the plan in process; the platform runs each planned step as a queued analysis.
 */
import type { AnalysisResult, AnalysisSpecInput } from '@spillover/contracts';
import type { DemoData } from '@spillover/demo';

export interface StudyOptions {
  /** Text of the city list (e.g. `bundledCityListCsv()` from @spillover/demo). */
  cityListCsv: string;
  seed: number;
  /** Number of cities; default all, or 60 with `quick`. */
  cities?: number;
  /** Fewer cities and replications (bootstrap 50 instead of 500, impact draws 100 instead of 1000). */
  quick: boolean;
}

/** Progress lines, e.g. `[study] 3/19 keyword index … `. */
export type StudyLog = (line: string) => void;

/** The panels an estimation step runs on: the analysis panel or its balanced sub-panel (spatial steps). */
export type StudyDatasetKey = 'analysis' | 'balanced';
/** The three weights matrices over the balanced sub-panel's cities. */
export type StudyWeightsKey = 'knn' | 'inverse' | 'economic';
/** The panels a measurement step reads: the raw demo panel, the work-report texts, the analysis panel. */
export type StudyMeasurementInput = 'panel' | 'texts' | 'analysis';

export interface StudyData {
  /** The demo panel as generated (data/panel.csv). */
  panelCsv: string;
  /** Government work-report texts (data/texts.csv). */
  textsCsv: string;
  /** The panel with the measurement columns appended (data/analysis-panel.csv): dataset `analysis`. */
  analysisPanelCsv: string;
  /** The cities observed in every year on the spatial variables (data/analysis-panel-balanced.csv): dataset `balanced`. */
  balancedPanelCsv: string;
}

export interface StudyBalancedSample {
  /** Number of cities in the balanced sub-panel. */
  units: number;
  /** Codes of the cities left out (some year missing on a spatial variable). */
  dropped: string[];
}

export interface StudyWeights {
  key: StudyWeightsKey;
  label: string;
  /** File name, e.g. `W-knn-balanced.csv`. */
  file: string;
  /** Edge list `from,to,weight` over the balanced cities' codes. */
  text: string;
}

/** A measurement step, run by `prepareStudy` (cheap and sequential: each adds columns the next needs). */
export interface StudyMeasurementStep {
  id: string;
  title: string;
  /** The spec without `data`: it ran on `input`. */
  spec: AnalysisSpecInput;
  input: StudyMeasurementInput;
  result: AnalysisResult;
  seconds: number;
}

/** An estimation step to run (in process or as a platform analysis). */
export interface StudyPlannedStep {
  id: string;
  title: string;
  /**
   * The spec without `data` and without `weights.path` / `weights.id` (a weighted step has
   * `weights: { style: 'row' }`): the runner supplies `dataset` and `weights`.
   */
  spec: AnalysisSpecInput;
  dataset: StudyDatasetKey;
  weights?: StudyWeightsKey;
}

export interface StudyPreparation {
  /** `cities` is the number actually generated. */
  options: { seed: number; cities: number; quick: boolean };
  /** Replications that `quick` implies (mediation bootstrap, spatial impact draws). */
  reps: { bootstrap: number; draws: number };
  demo: DemoData;
  data: StudyData;
  balanced: StudyBalancedSample;
  /** In the order knn, inverse, economic. */
  weights: StudyWeights[];
  /** entropy-index, location-quotient, keyword-count, transform: already run. */
  measurement: StudyMeasurementStep[];
  /** The estimation steps in report order. */
  plan: StudyPlannedStep[];
}

/** What a runner knows about one planned step. A step without `result` failed (`error` says why). */
export interface StudyStepOutcome {
  result?: AnalysisResult;
  error?: string;
  seconds?: number;
  /** The platform analysis that ran the step. */
  analysisId?: string;
}

export interface StudyRun {
  preparation: StudyPreparation;
  /** Outcomes by planned step id; a planned step missing here is reported as failed. */
  steps: Record<string, StudyStepOutcome>;
  /** Wall time of the whole run, when known. */
  seconds?: number;
}

export interface StudyReportOptions {
  /** URL of a step's analysis (e.g. `/analyses/<uuid>`): tables and step results link to it. */
  linkOf?: (stepId: string) => string | undefined;
  /**
   * `cli` (default): the reproduction section names `npx spillover study` and the results/ and tables/
   * files written next to report.html; `platform`: it points to the linked analyses instead.
   */
  reproduction?: 'cli' | 'platform';
}

export interface StudyReportTable {
  /** e.g. `sdm`: file names tables/<id>.tex and tables/<id>.csv. */
  id: string;
  /** The step the table reports (for multi-column tables, its first column's step). */
  stepId: string;
  /** booktabs LaTeX. */
  tex: string;
  csv: string;
}

export interface StudyReport {
  /** Self-contained HTML (inline CSS and SVG, no scripts, no external resources). */
  html: string;
  /** Tables whose steps succeeded (a table of a failed step is only a notice in the HTML). */
  tables: StudyReportTable[];
}
