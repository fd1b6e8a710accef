import { serializeError } from '@spillover/contracts';
import {
  type Panel,
  parsePanelCsv,
  prepareReplications,
  type ReplicationChunk,
  type ReplicationSession,
} from '@spillover/core';
import { parentPort } from 'node:worker_threads';
import type { ThreadMessage } from '../analysis-thread-protocol.js';
import type { ReplicationOutcome, ReplicationTask } from './replication-thread-protocol.js';
import { warmUpReplications } from './replication-warm-up.js';

/**
 * Runs chunks of replications (and the final combination) off the worker's event loop. A chunk runs in
 * steps of about `stepMs`, reporting replications done after each; replication r always draws from
 * createRng(seed, r), so the steps do not change the numbers.
 */

if (!parentPort) throw new Error('replication.thread.js must run as a worker thread');
const port = parentPort;
const send = (message: ThreadMessage<ReplicationOutcome>) => port.postMessage(message);
const stepMs = 200;

/** The point estimates of the analysis whose chunks this thread ran last. */
let cached: { analysisId: string; session: ReplicationSession } | null = null;
/** The panel this thread parsed last: dataset versions never change, and preparing does not alter it. */
let parsed: { key: string; panel: Panel } | null = null;

function panelOf(task: ReplicationTask): Panel {
  const key = `${task.datasetId}\u0000${task.spec.unit}\u0000${task.spec.time}`;
  if (parsed?.key !== key) {
    parsed = null;
    parsed = { key, panel: parsePanelCsv(task.panelCsv, task.spec.unit, task.spec.time) };
  }
  return parsed.panel;
}

function sessionFor(task: ReplicationTask): ReplicationSession {
  if (cached?.analysisId !== task.analysisId) {
    cached = null;
    const session = prepareReplications(task.spec, panelOf(task), task.inputs);
    cached = { analysisId: task.analysisId, session };
  }
  return cached.session;
}

function runChunk(task: Extract<ReplicationTask, { type: 'chunk' }>): ReplicationChunk {
  const session = sessionFor(task);
  const values: (number | null)[] = [];
  let failed = 0;
  let step = 4;
  for (let from = task.from; from < task.to;) {
    const to = Math.min(task.to, from + step);
    const started = performance.now();
    const part = session.run(from, to);
    for (const value of part.values) values.push(value);
    failed += part.failed;
    const perReplication = Math.max((performance.now() - started) / (to - from), 1e-3);
    step = Math.max(1, Math.min(10_000, Math.round(stepMs / perReplication)));
    from = to;
    send({
      type: 'progress',
      progress: { stage: 'replications', done: to - task.from, total: task.to - task.from },
    });
  }
  return {
    kind: task.spec.kind,
    from: task.from,
    to: task.to,
    statistics: session.statistics,
    values,
    failed,
  };
}

try {
  // the pool starts its threads at boot, so this runs before the first task arrives (tasks queue up)
  warmUpReplications();
} catch {
  // a failed warm-up only leaves the code unoptimised; the tasks report their own errors
}

port.on('message', (task: ReplicationTask) => {
  try {
    if (task.type === 'chunk') {
      send({ type: 'result', result: { type: 'chunk', chunk: runChunk(task) } });
    } else {
      // combining consumes the session (the summary is written into its point estimates)
      const session = sessionFor(task);
      cached = null;
      send({ type: 'result', result: { type: 'combined', result: session.combine(task.chunks) } });
    }
  } catch (error) {
    send({
      type: 'error',
      error: { ...serializeError(error), stack: error instanceof Error ? error.stack : undefined },
    });
  }
});
