import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CodeVersion } from '@spillover/contracts';
import { AnalysisEntity, AnalysisProvenanceEntity } from '@spillover/db';
import type { DataSource, EntitySubscriberInterface, InsertEvent } from 'typeorm';
import { readCodeVersion } from './code-version.js';

/**
 * Records the code version with every analysis the API stores, in the same transaction as its row, so
 * provenance cannot be missing whichever endpoint created it.
 */
@Injectable()
export class ProvenanceRecorder implements EntitySubscriberInterface<AnalysisEntity> {
  readonly code: CodeVersion = readCodeVersion();

  constructor(@InjectDataSource() dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  listenTo(): typeof AnalysisEntity {
    return AnalysisEntity;
  }

  async afterInsert(event: InsertEvent<AnalysisEntity>): Promise<void> {
    await event.manager
      .createQueryBuilder()
      .insert()
      .into(AnalysisProvenanceEntity)
      .values({
        analysisId: event.entity.id,
        codeVersion: this.code.version,
        codeCommit: this.code.commit,
        rerunOf: null,
      })
      .orIgnore()
      .execute();
  }
}
