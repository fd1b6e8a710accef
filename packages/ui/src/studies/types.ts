/** What the study components show of one step; the portal maps the API's study view onto it. */
export interface StudyStepItem {
  /** Stable id of the step within the study (e.g. `baseline-2`). */
  key: string;
  title: string;
  /** `measurement`, `estimation` or `report`; other phases are shown after these, in order of appearance. */
  phase: string;
  /** An analysis status: queued, running, succeeded, failed, cancelled. */
  status: string;
  /** Progress of a running step: units done of total (total 0 or less: not known yet). */
  done?: number;
  total?: number;
  /** Stage of the running step (`replications` names what done/total count) and its message. */
  stage?: string;
  message?: string;
  /** Estimated seconds left of the running step. */
  etaSeconds?: number;
  /** The step's analysis page, once the step has an analysis. */
  href?: string;
  /** Why a failed step failed. */
  error?: { message: string; code?: string };
}

export interface StudyPhaseGroup {
  phase: string;
  label: string;
  steps: StudyStepItem[];
}
