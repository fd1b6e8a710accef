import { analysisCancelKey } from '@spillover/contracts';
import { errorMessage, type Logger } from '../logger.js';

/** The Redis command the watch needs (ioredis' `exists`). */
export interface CancelFlagReader {
  exists(key: string): Promise<number>;
}

/** Follows one running analysis: `signal` aborts once the analysis is cancelled; `stop` ends the polling. */
export interface CancellationWatch {
  signal: AbortSignal;
  stop(): void;
}

export interface CancellationSource {
  watch(analysisId: string): CancellationWatch;
}

/**
 * Polls the cancel key the API sets (`analysisCancelKey`) every `intervalMs` while a job runs, from the
 * main thread, so a cancelled analysis's thread is terminated within about one interval.
 */
export class RedisCancellationSource implements CancellationSource {
  constructor(
    private readonly redis: CancelFlagReader,
    private readonly queuePrefix: string,
    private readonly log: Logger,
    private readonly intervalMs = 250,
  ) {}

  /** True when the analysis has been cancelled (a failed read counts as not cancelled). */
  async isCancelled(analysisId: string): Promise<boolean> {
    try {
      return (await this.redis.exists(analysisCancelKey(this.queuePrefix, analysisId))) > 0;
    } catch (error) {
      this.log.warn('cancel flag not read', { analysisId, error: errorMessage(error) });
      return false;
    }
  }

  watch(analysisId: string): CancellationWatch {
    const controller = new AbortController();
    let polling = false;
    const timer = setInterval(() => {
      if (polling || controller.signal.aborted) return;
      polling = true;
      void this.isCancelled(analysisId).then((cancelled) => {
        polling = false;
        if (cancelled && !controller.signal.aborted) {
          this.log.info('analysis cancelled; stopping its thread', { analysisId });
          controller.abort();
        }
      });
    }, this.intervalMs);
    return { signal: controller.signal, stop: () => clearInterval(timer) };
  }
}
