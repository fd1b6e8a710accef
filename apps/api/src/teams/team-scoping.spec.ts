import type { TeamRole } from '@spillover/contracts';
import type { AnalysisEntity, DatasetEntity, MembershipEntity, WeightsMatrixEntity } from '@spillover/db';
import type { DataSource, Repository } from 'typeorm';
import { describe, expect, it, vi } from 'vitest';
import { AnalysesService } from '../analyses/analyses.service.js';
import { DatasetsService } from '../datasets/datasets.service.js';
import type { AnalysisJobs } from '../jobs/analysis-jobs.service.js';
import type { TeamLimits } from '../limits/team-limits.service.js';
import { WeightsService } from '../weights/weights.service.js';
import { TeamAccess } from './team-access.service.js';

// core's column check is exercised against real panels in the integration tests
vi.mock('@spillover/core', () => ({ checkSpecColumns: vi.fn(), describePanel: vi.fn() }));

const teamA = '00000000-0000-4000-8000-00000000000a';
const teamB = '00000000-0000-4000-8000-00000000000b';
const ann = 'ann';
const bob = 'bob';
const datasetOfB = { id: '11111111-1111-4111-8111-111111111111', teamId: teamB, report: {} } as DatasetEntity;
const datasetOfA = { id: '22222222-2222-4222-8222-222222222222', teamId: teamA, report: {} } as DatasetEntity;
const analysisOfB = { id: '33333333-3333-4333-8333-333333333333', teamId: teamB } as AnalysisEntity;
const weightsOfB = { id: '44444444-4444-4444-8444-444444444444', teamId: teamB } as WeightsMatrixEntity;

/** Ann is in team A, Bob owns team B. */
function fakeMemberships(): Repository<MembershipEntity> {
  const rows: { userId: string; teamId: string; role: TeamRole }[] = [
    { userId: ann, teamId: teamA, role: 'member' },
    { userId: bob, teamId: teamB, role: 'owner' },
  ];
  return {
    findOneBy: vi.fn(
      async (where: { userId: string; teamId: string }) =>
        rows.find((r) => r.userId === where.userId && r.teamId === where.teamId) ?? null,
    ),
    find: vi.fn(async ({ where }: { where: { userId: string } }) =>
      rows.filter((r) => r.userId === where.userId),
    ),
  } as unknown as Repository<MembershipEntity>;
}

function setup() {
  const access = new TeamAccess(fakeMemberships());
  const datasetRows = [datasetOfA, datasetOfB];
  const datasetRepository = {
    findOneBy: vi.fn(async ({ id }: { id: string }) => datasetRows.find((d) => d.id === id) ?? null),
    find: vi.fn(async () => []),
  };
  const datasets = new DatasetsService(
    {} as DataSource,
    datasetRepository as unknown as Repository<DatasetEntity>,
    access,
  );
  const analysisRepository = {
    findOneBy: vi.fn(async ({ id }: { id: string }) => (id === analysisOfB.id ? analysisOfB : null)),
    find: vi.fn(async () => []),
    create: vi.fn((row: Partial<AnalysisEntity>) => row),
    save: vi.fn(async (row: Partial<AnalysisEntity>) => ({
      ...row,
      id: 'new-analysis',
      createdAt: new Date(0),
    })),
  };
  const weightsRepository = {
    findOneBy: vi.fn(
      async (where: Partial<WeightsMatrixEntity>) =>
        [weightsOfB].find((w) => w.id === where.id && (!where.teamId || w.teamId === where.teamId)) ?? null,
    ),
  };
  const weights = new WeightsService(
    {} as DataSource,
    weightsRepository as unknown as Repository<WeightsMatrixEntity>,
    datasets,
    access,
  );
  const queue = { enqueue: vi.fn() };
  // admits every submission, storing through the repository fake
  const limits = {
    admitSubmission: vi.fn(async (_teamId: string, store: (manager: unknown) => Promise<unknown>) =>
      store({
        create: (_entity: unknown, row: Partial<AnalysisEntity>) => analysisRepository.create(row),
        save: (row: Partial<AnalysisEntity>) => analysisRepository.save(row),
      }),
    ),
  };
  const analyses = new AnalysesService(
    analysisRepository as unknown as Repository<AnalysisEntity>,
    datasets,
    access,
    queue as unknown as AnalysisJobs,
    weights,
    limits as unknown as TeamLimits,
  );
  return { access, datasets, datasetRepository, analyses, analysisRepository, queue };
}

const spec = { kind: 'regression', unit: 'state', time: 'year', y: 'lgsp', x: ['lpcap'], model: 'fe' };

describe('team scoping', () => {
  it('answers another team’s dataset exactly like a missing one (404, no existence leak)', async () => {
    const { datasets } = setup();
    const foreign = await datasets.find(ann, datasetOfB.id).catch((e: unknown) => e);
    const missing = await datasets.find(ann, '99999999-9999-4999-8999-999999999999').catch((e: unknown) => e);
    expect(foreign).toMatchObject({ code: 'NOT_FOUND', message: `dataset ${datasetOfB.id} not found` });
    expect(missing).toMatchObject({ code: 'NOT_FOUND' });
    expect(await datasets.find(bob, datasetOfB.id)).toBe(datasetOfB);
  });

  it('does not list or accept uploads for a team the caller is not in', async () => {
    const { datasets, datasetRepository } = setup();
    await expect(datasets.list(ann, teamB)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `team ${teamB} not found`,
    });
    expect(datasetRepository.find).not.toHaveBeenCalled();
    const readBody = vi.fn();
    await expect(
      datasets.upload(ann, { teamId: teamB, name: 'p', unit: 'u', time: 't' }, readBody),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(readBody).not.toHaveBeenCalled();
  });

  it('hides another team’s analysis', async () => {
    const { analyses } = setup();
    await expect(analyses.find(ann, analysisOfB.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses an analysis of another team’s dataset', async () => {
    const { analyses, analysisRepository } = setup();
    await expect(analyses.create(ann, { datasetId: datasetOfB.id, spec })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(analysisRepository.save).not.toHaveBeenCalled();
  });

  it('only lets owners add members', async () => {
    const { access } = setup();
    await expect(access.requireOwner(ann, teamA)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(access.requireOwner(ann, teamB)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(access.requireOwner(bob, teamB)).resolves.toBeUndefined();
  });
});

describe('AnalysesService.create', () => {
  it('names an unknown spec field (INVALID_SPEC) and stores nothing', async () => {
    const { analyses, analysisRepository } = setup();
    const error = await analyses
      .create(ann, { datasetId: datasetOfA.id, spec: { ...spec, foo: 1 } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'INVALID_SPEC',
      message: 'spec.foo: unknown field "foo"',
      details: { field: 'spec.foo' },
    });
    expect(analysisRepository.save).not.toHaveBeenCalled();
  });

  it('refuses a weights file path, which only the command line reads (UNSUPPORTED naming the field)', async () => {
    const { analyses } = setup();
    const spatial = { ...spec, model: 'sar', weights: { path: 'W.csv' } };
    await expect(analyses.create(ann, { datasetId: datasetOfA.id, spec: spatial })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      details: { field: 'spec.weights.path' },
    });
  });

  it('answers another team’s weights id like a missing one, naming spec.weights.id', async () => {
    const { analyses, analysisRepository } = setup();
    const spatial = { ...spec, model: 'sar', weights: { id: weightsOfB.id } };
    await expect(analyses.create(ann, { datasetId: datasetOfA.id, spec: spatial })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { field: 'spec.weights.id', weightsId: weightsOfB.id },
    });
    expect(analysisRepository.save).not.toHaveBeenCalled();
  });

  it('stores a queued row and enqueues it; an enqueue failure leaves the row queued for the sweeper', async () => {
    const { analyses, analysisRepository, queue } = setup();
    const view = await analyses.create(ann, { datasetId: datasetOfA.id, spec });
    expect(view).toMatchObject({
      id: 'new-analysis',
      status: 'queued',
      kind: 'regression',
      model: 'fe',
      teamId: teamA,
    });
    expect(queue.enqueue).toHaveBeenCalledWith(
      'new-analysis',
      expect.objectContaining({ kind: 'regression' }),
    );

    queue.enqueue.mockRejectedValueOnce(new Error('Redis is down'));
    const log = vi
      .spyOn((analyses as unknown as { logger: { error: () => void } }).logger, 'error')
      .mockImplementation(() => undefined);
    await expect(analyses.create(ann, { datasetId: datasetOfA.id, spec })).resolves.toMatchObject({
      status: 'queued',
    });
    expect(analysisRepository.save).toHaveBeenCalledTimes(2);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('stored but not enqueued: Redis is down'));
  });
});
