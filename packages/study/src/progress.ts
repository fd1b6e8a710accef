/** Progress lines of the study's steps: `[study] 5/19 <title> …`, then the time of steps over 1 s. */
import type { StudyLog } from './types.js';

export interface StepProgress {
  before(title: string): void;
  after(seconds: number): void;
}

/** `first` is the 1-based position of the next step among all `total` steps. */
export function stepProgress(log: StudyLog | undefined, total: number, first = 1): StepProgress {
  let position = first;
  return {
    before(title) {
      log?.(`[study] ${position++}/${total} ${title} …`);
    },
    after(seconds) {
      if (seconds >= 1) log?.(`[study]    done in ${seconds.toFixed(1)} s`);
    },
  };
}
