/** The shapes of mechanism results the components read (structural copies of the contracts; ui depends on React only). */

export interface EstimateData {
  estimate: number;
  se?: number;
  stat?: number;
  p?: number;
}

export type IntervalData = [number, number];

export interface HistogramData {
  min: number;
  max: number;
  counts: number[];
}

export interface BootstrapData {
  reps: number;
  failed: number;
  se: number;
  percentile: IntervalData;
  bc: IntervalData;
  bca: IntervalData;
  histogram?: HistogramData;
}

export interface MediatorData {
  a: EstimateData;
  b: EstimateData;
  cPrime: EstimateData;
  indirect: { estimate: number; sobel: { se: number; stat: number; p: number } };
  proportionMediated: number;
  bootstrap?: BootstrapData;
}

export interface MediationData {
  kind: 'mediation';
  nobs: number;
  total: EstimateData;
  mediators: Record<string, MediatorData>;
  warnings?: string[];
}

export interface GroupFitData {
  group: string;
  nobs: number;
  nunits: number;
  coefficients: Record<string, EstimateData>;
}

export interface GroupDifferenceData {
  coefficient: string;
  group: string;
  reference: string;
  estimate: number;
  permutation?: { p: number; reps: number; failed: number };
  suest?: { stat: number; df: number; p: number; se: number };
  interaction?: EstimateData;
}

export interface HeterogeneityData {
  kind: 'heterogeneity';
  groupBy: string;
  groups: GroupFitData[];
  differences: GroupDifferenceData[];
  warnings?: string[];
}

export interface ThresholdData {
  kind: 'threshold';
  thresholds: { estimate: number; ci: IntervalData }[];
  tests: {
    hypothesis: string;
    F: number;
    p?: number;
    crit?: Record<string, number>;
    reps?: number;
    failed?: number;
  }[];
  coefficients: Record<string, EstimateData>;
  lrCurve: { threshold: number; gamma: number; lr: number }[];
  lrCritical?: number;
  warnings?: string[];
}
