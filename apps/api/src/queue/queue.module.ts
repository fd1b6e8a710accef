import { Module } from '@nestjs/common';
import { AnalysisEventsRelay } from './analysis-events-relay.js';
import { EstimationQueue } from './estimation-queue.js';

@Module({
  providers: [EstimationQueue, AnalysisEventsRelay],
  exports: [EstimationQueue, AnalysisEventsRelay],
})
export class QueueModule {}
