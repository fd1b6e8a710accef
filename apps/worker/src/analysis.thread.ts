import { serializeError } from '@spillover/contracts';
import { runAnalysis } from '@spillover/core';
import { parentPort } from 'node:worker_threads';
import type { AnalysisTask, ThreadMessage } from './analysis-thread-protocol.js';

/** Runs core's synchronous, CPU-heavy analysis off the worker's event loop, one task at a time. */

if (!parentPort) throw new Error('analysis.thread.js must run as a worker thread');
const port = parentPort;
const send = (message: ThreadMessage) => port.postMessage(message);

port.on('message', (task: AnalysisTask) => {
  try {
    const result = runAnalysis(task.spec, task.inputs, {
      onProgress: (progress) => send({ type: 'progress', progress }),
    });
    send({ type: 'result', result });
  } catch (error) {
    send({
      type: 'error',
      error: { ...serializeError(error), stack: error instanceof Error ? error.stack : undefined },
    });
  }
});
