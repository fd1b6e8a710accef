import type { AnalysisStatus } from '@spillover/contracts';
import { AnalysisEntity, StudyEntity, StudyStepEntity } from '@spillover/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudyRepository } from '../../src/study/study.repository.js';
import {
  createTestDatabase,
  insertAnalysis,
  producCsv,
  seedDataset,
  type Seed,
  type TestDatabase,
} from './support.js';

/** The study queries the sweeper and the failure path rely on, on the real PostgreSQL. */
describe('StudyRepository on PostgreSQL', () => {
  let db: TestDatabase;
  let seed: Seed;

  beforeAll(async () => {
    db = await createTestDatabase();
    seed = await seedDataset(db.dataSource, producCsv);
  });
  afterAll(() => db?.drop());

  /** A running study in estimation, with one step analysis per status given. */
  async function studyWithSteps(statuses: AnalysisStatus[]): Promise<{ id: string; analyses: string[] }> {
    const study = await db.dataSource.getRepository(StudyEntity).save({
      teamId: seed.teamId,
      createdBy: seed.userId,
      name: 'study',
      template: 'digital-resilience',
      options: { seed: 1, quick: true, cities: 20 },
      status: 'running',
      stage: 'estimation',
      error: null,
      codeVersion: '0.1.0',
      codeCommit: 'unknown',
      datasetIds: null,
      weightsIds: null,
      flowEnqueuedAt: null,
      reportTables: null,
      startedAt: new Date(),
      finishedAt: null,
    });
    const analyses: string[] = [];
    for (const [k, status] of statuses.entries()) {
      const id = await insertAnalysis(
        db.dataSource,
        seed,
        { kind: 'regression', unit: 'state', time: 'year', y: 'lgsp', x: ['lpcap'], model: 'fe' },
        { status },
      );
      analyses.push(id);
      await db.dataSource.getRepository(StudyStepEntity).insert({
        studyId: study.id,
        stepId: `step-${k}`,
        position: k + 1,
        title: `step ${k}`,
        phase: 'estimation',
        analysisId: id,
      });
    }
    return { id: study.id, analyses };
  }

  const statusOf = async (id: string) =>
    (await db.dataSource.getRepository(AnalysisEntity).findOneByOrFail({ id })).status;

  it('lists an unfinished study with the count of its steps still to run', async () => {
    const { id } = await studyWithSteps(['succeeded', 'queued', 'running']);
    const unfinished = await new StudyRepository(db.dataSource).findUnfinished(new Date(Date.now() + 60_000));
    expect(unfinished.find((study) => study.id === id)).toEqual({ id, flowEnqueued: false, openSteps: 2 });
    expect(await new StudyRepository(db.dataSource).findUnfinished(new Date(0))).toEqual([]);
  });

  it('fails a study once and cancels its steps that have not ended, so no sweeper runs them alone', async () => {
    const { id, analyses } = await studyWithSteps(['succeeded', 'queued', 'running', 'failed']);
    const repository = new StudyRepository(db.dataSource);
    await repository.markFailed(id, { code: 'INTERNAL', message: 'preparation lost' });
    const study = await db.dataSource.getRepository(StudyEntity).findOneByOrFail({ id });
    expect([study.status, study.error?.message]).toEqual(['failed', 'preparation lost']);
    expect(await Promise.all(analyses.map(statusOf))).toEqual([
      'succeeded',
      'cancelled',
      'cancelled',
      'failed',
    ]);
    // an ended study keeps its first failure
    await repository.markFailed(id, { code: 'INTERNAL', message: 'again' });
    expect((await db.dataSource.getRepository(StudyEntity).findOneByOrFail({ id })).error?.message).toBe(
      'preparation lost',
    );
  });
});
