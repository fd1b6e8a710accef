import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  SpilloverError,
  type DatasetView,
  type KeywordCountResult,
  type PreviewTextsBody,
  type UploadTextsQuery,
} from '@spillover/contracts';
import { describePanel } from '@spillover/core';
import { saveDatasetVersion } from '@spillover/db';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { datasetView } from '../datasets/dataset-view.js';
import { decodeCsv } from '../datasets/decode-csv.js';
import { DatasetsService } from '../datasets/datasets.service.js';
import { TeamAccess } from '../teams/team-access.service.js';
import { previewKeywordCounts, textsArchiveLimits, textsFormatOf, textsPanelCsv } from './texts-panel.js';

/** Uploaded policy texts become a texts panel (unit, time, text): a dataset version keyword-count runs on. */
@Injectable()
export class TextsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly datasets: DatasetsService,
    private readonly access: TeamAccess,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Reads a ZIP of texts or a CSV of texts, checks the panel and stores it as the next version of `name`. */
  async upload(
    userId: string,
    query: UploadTextsQuery,
    contentType: string | undefined,
    readBody: () => Promise<Buffer>,
  ): Promise<DatasetView> {
    await this.access.requireMember(userId, query.teamId);
    const bytes = await readBody();
    const format = textsFormatOf(contentType, bytes);
    const csv = textsPanelCsv(bytes, format, query, textsArchiveLimits(this.config.uploadMaxBytes));
    const report = describePanel(csv, query.unit, query.time);
    if (!report.columns.some((column) => column.name === query.text)) {
      throw new SpilloverError(
        'MISSING_COLUMN',
        `text: the texts file has no column "${query.text}"; its columns: ${report.columns.map((c) => c.name).join(', ')}`,
        { field: 'text', column: query.text },
      );
    }
    const saved = await this.dataSource.transaction((manager) =>
      saveDatasetVersion(manager, {
        teamId: query.teamId,
        name: query.name,
        content: Buffer.from(csv, 'utf8'),
        unitColumn: query.unit,
        timeColumn: query.time,
        report,
        createdBy: userId,
        recipe: { source: 'texts', format, texts: report.rows, textColumn: query.text },
      }),
    );
    return datasetView(saved);
  }

  /** Keyword counts of the first texts of a texts dataset, with the dictionary as edited. */
  async preview(userId: string, body: PreviewTextsBody): Promise<KeywordCountResult> {
    const { dataset, content } = await this.datasets.content(userId, body.datasetId);
    return previewKeywordCounts(decodeCsv(content), dataset.unitColumn, dataset.timeColumn, body);
  }
}
