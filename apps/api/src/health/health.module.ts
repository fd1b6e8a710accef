import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { QueueModule } from '../queue/queue.module.js';
import { HealthController } from './health.controller.js';

@Module({ imports: [DatabaseModule, QueueModule], controllers: [HealthController] })
export class HealthModule {}
