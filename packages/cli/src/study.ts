/**
 * `spillover study`: the whole "digital-economy agglomeration → urban resilience" study in process,
 * on the simulated demo panel (no database, no queue). The steps and the report come from
 * @spillover/study (the platform runs the same plan as queued analyses); this runner writes the
 * files: data/*, results/NN-<id>.json (spec with data/weights paths relative to results/, result,
 * time), tables/*.tex|csv and report.html.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildStudyReport,
  prepareStudy,
  runStudyPlan,
  studyDataFiles,
  studyResultFileName,
  studySpecWithFiles,
  type StudyOptions,
  type StudyRun,
} from '@spillover/study';

export interface StudyCommandOptions extends StudyOptions {
  out: string;
  /** Progress lines (stderr). */
  log: (line: string) => void;
}

export function runStudy(options: StudyCommandOptions): StudyRun {
  const started = Date.now();
  const { out, log } = options;
  const dirs = { data: join(out, 'data'), results: join(out, 'results'), tables: join(out, 'tables') };
  Object.values(dirs).forEach((d) => mkdirSync(d, { recursive: true }));
  const write = (dir: string, name: string, text: string) => writeFileSync(join(dir, name), text);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

  const preparation = prepareStudy(options, log);
  const { demo, data } = preparation;
  const files: [string, string][] = [
    [studyDataFiles.panel, data.panelCsv],
    [studyDataFiles.texts, data.textsCsv],
    ['W-knn.csv', demo.weights.knn],
    ['W-inverse-distance.csv', demo.weights.inverseDistance],
    ['dgp.json', json(demo.dgp)],
    ['README.md', demo.readme],
    [studyDataFiles.analysis, data.analysisPanelCsv],
    [studyDataFiles.balanced, data.balancedPanelCsv],
    ...preparation.weights.map((w): [string, string] => [w.file, w.text]),
  ];
  for (const [name, text] of files) write(dirs.data, name, text);
  preparation.measurement.forEach((step, k) => {
    const { id, title, result, seconds } = step;
    const spec = studySpecWithFiles(step, preparation);
    write(dirs.results, studyResultFileName(k + 1, id), json({ id, title, spec, result, seconds }));
  });

  const run = runStudyPlan(preparation, {
    log,
    onStep: (step, { result, seconds }, position) => {
      const { id, title } = step;
      const spec = studySpecWithFiles(step, preparation);
      write(dirs.results, studyResultFileName(position, id), json({ id, title, spec, result, seconds }));
    },
  });
  run.seconds = (Date.now() - started) / 1000;
  log('[study] writing report.html and tables …');
  const report = buildStudyReport(run);
  for (const t of report.tables) {
    write(dirs.tables, `${t.id}.tex`, t.tex);
    write(dirs.tables, `${t.id}.csv`, t.csv);
  }
  write(out, 'report.html', report.html);
  return run;
}
