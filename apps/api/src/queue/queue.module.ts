import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/app-config.js';
import { AnalysisEventsRelay } from './analysis-events-relay.js';
import { createQueueBackend, QUEUE_BACKEND, QueueBackendShutdown } from './queue-backend.js';

/** The queue port (BullMQ or in process, by mode) and the relay of its job events to progress streams. */
@Module({
  providers: [
    { provide: QUEUE_BACKEND, inject: [APP_CONFIG, getDataSourceToken()], useFactory: createQueueBackend },
    QueueBackendShutdown,
    AnalysisEventsRelay,
  ],
  exports: [QUEUE_BACKEND, AnalysisEventsRelay],
})
export class QueueModule {}
