import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { LimitsModule } from '../limits/limits.module.js';
import { QueueModule } from '../queue/queue.module.js';
import { AdminController } from './admin.controller.js';
import { AdminEmails } from './admin-emails.js';
import { AdminQueues } from './admin-queues.service.js';
import { QueueDashboard } from './queue-dashboard.js';

/** The administrators' area: queues, workers, team limits, and the bull-board dashboard. */
@Module({
  imports: [DatabaseModule, AuthModule, LimitsModule, QueueModule],
  controllers: [AdminController],
  providers: [AdminQueues, AdminEmails, QueueDashboard],
})
export class AdminModule {}
