import { Logger } from '@nestjs/common';
import { analysisJobId, isTerminalStatus, Progress, type AnalysisEvents } from '@spillover/contracts';
import type { AnalysisEntity } from '@spillover/db';
import type { Response } from 'express';
import type { AnalysisEventsRelay } from '../queue/analysis-events-relay.js';
import { statusEvent } from './analysis-view.js';

export interface AnalysisEventStreamOptions {
  /** Re-read the row this often, so a missed Redis event never leaves the stream hanging. */
  pollMs: number;
  /** Comment line that keeps proxies from closing an idle stream. */
  heartbeatMs: number;
}

const logger = new Logger('AnalysisEvents');

/**
 * Server-sent events of one analysis: a `status` snapshot (and `progress` if any), then live `progress`
 * from the queue and a `status` event whenever the row's status changes; ends after a terminal status.
 */
export function streamAnalysisEvents(
  response: Response,
  analysis: AnalysisEntity,
  reload: () => Promise<AnalysisEntity | null>,
  relay: AnalysisEventsRelay,
  options: AnalysisEventStreamOptions,
): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  const send = <E extends keyof AnalysisEvents>(event: E, data: AnalysisEvents[E]) =>
    response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

  let lastStatus = analysis.status;
  let lastProgress = JSON.stringify(analysis.progress);
  send('status', statusEvent(analysis));
  if (analysis.progress) send('progress', analysis.progress);
  if (isTerminalStatus(analysis.status)) {
    response.end();
    return;
  }

  let closed = false;
  const sendProgress = (progress: Progress) => {
    const serialized = JSON.stringify(progress);
    if (serialized === lastProgress) return;
    lastProgress = serialized;
    send('progress', progress);
  };
  const refresh = async () => {
    if (closed) return;
    let row: AnalysisEntity | null;
    try {
      row = await reload();
    } catch (error) {
      logger.warn(`analysis ${analysis.id}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (closed) return;
    if (!row) return close();
    if (row.progress) sendProgress(row.progress);
    if (row.status !== lastStatus) {
      lastStatus = row.status;
      send('status', statusEvent(row));
    }
    if (isTerminalStatus(row.status)) close();
  };
  const unsubscribe = relay.subscribe(analysisJobId(analysis.id), (signal) => {
    if (signal.kind === 'closing') return close();
    if (signal.kind === 'changed') return void refresh();
    const progress = Progress.safeParse(signal.data);
    if (progress.success && !closed) sendProgress(progress.data);
  });
  const poll = setInterval(() => void refresh(), options.pollMs);
  const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), options.heartbeatMs);
  function close(): void {
    if (closed) return;
    closed = true;
    clearInterval(poll);
    clearInterval(heartbeat);
    unsubscribe();
    response.end();
  }
  // the response closes when the client goes away (or after our own end())
  response.on('close', close);
}
