import { Injectable } from '@nestjs/common';
import {
  CreateSampleDatasetBody,
  defaultStudySeed,
  sampleDatasetName,
  type DatasetView,
} from '@spillover/contracts';
import { bundledCityListCsv, generateDemo } from '@spillover/demo';
import { parseInput } from '../common/zod-issues.js';
import { DatasetsService } from '../datasets/datasets.service.js';
import { TeamLimits } from '../limits/team-limits.service.js';
import { TeamAccess } from '../teams/team-access.service.js';

/**
 * POST /studies/sample-dataset: the demo panel of the default seed (every city, 2001-2023; what
 * `spillover demo` writes to panel.csv) stored as a dataset version of the team, validated like an upload.
 */
@Injectable()
export class SampleDataset {
  /** Generated once per process: deterministic, and a couple of MB. */
  private csv: Buffer | undefined;

  constructor(
    private readonly datasets: DatasetsService,
    private readonly access: TeamAccess,
    private readonly limits: TeamLimits,
  ) {}

  async store(userId: string, input: unknown): Promise<DatasetView> {
    const body = parseInput(CreateSampleDatasetBody, input);
    await this.access.requireMember(userId, body.teamId);
    const bytes = this.bytes();
    await this.limits.checkUpload(body.teamId, bytes.length);
    return this.datasets.upload(
      userId,
      { teamId: body.teamId, name: body.name ?? sampleDatasetName, unit: 'code', time: 'year' },
      async () => bytes,
    );
  }

  private bytes(): Buffer {
    this.csv ??= Buffer.from(generateDemo(bundledCityListCsv(), { seed: defaultStudySeed }).panelCsv, 'utf8');
    return this.csv;
  }
}
