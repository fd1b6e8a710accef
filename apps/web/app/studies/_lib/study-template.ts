import type { StudyOptionsView, StudyTemplate } from '@spillover/contracts';

/** The templates the portal offers (contracts' `studyTemplates`), with their titles. */
export const studyTemplateOptions = [
  {
    value: 'digital-resilience',
    label: 'Digital-economy agglomeration → urban resilience (simulated Chinese cities, 2001-2023)',
  },
] as const satisfies readonly { value: StudyTemplate; label: string }[];

export function studyTemplateLabel(template: string): string {
  return studyTemplateOptions.find((t) => t.value === template)?.label ?? template;
}

/** The pipeline of the digital-resilience template, as `npx spillover study` runs it. */
export const studyTemplateSteps = [
  {
    phase: 'Data',
    text: 'the seeded panel of prefecture-level cities with government work-report texts and three spatial weights matrices (k-nearest neighbours, inverse distance, economic distance).',
  },
  {
    phase: 'Measurement',
    text: 'entropy index of urban resilience over four subsystems, location quotient of digital-economy employment, keyword index of government digital engagement, transformations (logs, lags, winsorising).',
  },
  {
    phase: 'Estimation',
    text: 'calibration of the index, two-way fixed effects with clustered errors, mediation with a cluster bootstrap, Moran’s I and LM tests, spatial Durbin models under three weights, dynamic SDM with short- and long-run effects, heterogeneity and robustness (lagged regressor, winsorising, IV).',
  },
  {
    phase: 'Report',
    text: 'every table linked to its analysis, with LaTeX and CSV downloads.',
  },
] as const;

/** Cities of a quick run that names none (contracts: CreateStudyBody.cities). */
const quickCities = 60;

/** "seed 1 · 60 cities · quick" */
export function studyOptionsText(options: StudyOptionsView): string {
  const cities = options.cities ?? (options.quick ? quickCities : undefined);
  return [
    `seed ${options.seed}`,
    cities !== undefined ? `${cities} cities` : 'every city',
    options.quick ? 'quick' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}
