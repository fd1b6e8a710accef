/**
 * The demo's data-generating process (DGP): its parameters and the raw indicators of urban resilience.
 *
 * Latent resilience y*_it (column `resilience_latent`), for city i in year t, with W the
 * row-standardised k-nearest-neighbour matrix of the city coordinates (great-circle distances):
 *
 *   y*_t = τ y*_{t−1} + η W y*_{t−1} + ρ W y*_t + β_i ∘ LQ_t + θ W LQ_t
 *          + b₁ M1_t + b₂ M2_t + C_t γ + μ + α_t + ε_t,            ε_it ~ N(0, σ²)
 *
 *   LQ_it  location quotient of digital-economy employment, (e_it / E_it) / (e_Nt / E_Nt), with the
 *          national totals of the `*_national` columns (the treatment, "agglomeration");
 *   M1_it  = a₁ LQ_it + 0.2 fin_dev_it + π1_i + 0.08 t + e1_it   (= ln patents per 10,000; innovation)
 *   M2_it  = a₂ LQ_it + π2_i + 0.02 t + e2_it                     (industrial-structure upgrading index)
 *   β_i    = β (1 + h_E z_i + h_A (A_i − Ā)): z_i the standardised persistent digital engagement of the
 *          city's government, A_i its agglomeration membership (0/1), both centred over the panel's
 *          cities so that the mean of β_i is β;
 *   ρ, θ   contemporaneous spillovers ("backflow"); η the one-period lagged spillover ("tournament");
 *   μ_i, α_t two-way fixed effects (α_t with shocks in 2008-09 and 2020-21).
 *
 * The process starts `burnIn` years before 2001 so that the first observed year is near stationarity.
 * The indicators are affine in y* (plus a small noise and a persistent city-level subsystem
 * component), so the entropy index of the study is close to an affine function c₀ + c₁ y* + μ̃_i:
 * slopes on the index scale are c₁ times those above (ρ, τ, η keep their values).
 */

export interface DgpParameters {
  /** Contemporaneous spatial lag of resilience (backflow). */
  rho: number;
  /** W*LQ: neighbours' agglomeration. */
  theta: number;
  /** Own lag y*_{t−1}. */
  tau: number;
  /** Spatio-temporal lag W y*_{t−1} (tournament). */
  eta: number;
  /** Mean direct structural effect of LQ on y*. */
  beta: number;
  /** LQ → ln patents (a₁) and ln patents → y* (b₁). */
  a1: number;
  b1: number;
  /** LQ → industrial upgrading (a₂) and upgrading → y* (b₂). */
  a2: number;
  b2: number;
  /** β_i multipliers: per standard deviation of engagement, and agglomeration minus non-agglomeration. */
  hEngagement: number;
  hAgglomeration: number;
  /** Controls' coefficients in the y* equation. */
  gamma: { ln_popden: number; fiscal_share: number; fdi_share: number; fin_dev: number };
  /** Standard deviation of ε. */
  sigma: number;
  /** Nearest neighbours of the DGP's W. */
  k: number;
  burnIn: number;
  /** Keyword counts ~ Poisson(exp(κ₀ + κ₁ G_it)), G the latent engagement. */
  kappa0: number;
  kappa1: number;
}

export const defaultParameters: DgpParameters = {
  rho: 0.3,
  theta: 0.1,
  tau: 0.3,
  eta: 0.1,
  beta: 0.15,
  a1: 0.6,
  b1: 0.1,
  a2: 0.25,
  b2: 0.3,
  hEngagement: 0.3,
  hAgglomeration: 0.4,
  gamma: { ln_popden: 0.05, fiscal_share: -0.2, fdi_share: 0.5, fin_dev: 0.03 },
  sigma: 0.1,
  k: 5,
  burnIn: 10,
  kappa0: Math.log(3),
  kappa1: 0.5,
};

/** Coefficient of fin_dev in the M1 equation (documented in the module comment). */
export const FIN_DEV_ON_PATENTS = 0.2;

export type Subsystem = 'economic' | 'social' | 'environmental' | 'resource';

export interface IndicatorDefinition {
  column: string;
  subsystem: Subsystem;
  /** `+` benefit (more is better), `-` cost. */
  direction: '+' | '-';
  label: string;
  unit: string;
  /** value = centre + direction · scale · z + noise, z = standardised y*; centre ≥ 5 · scale keeps values positive. */
  centre: number;
  scale: number;
  decimals: number;
}

/** Five indicators per subsystem, directions as in the urban-resilience literature. */
export const indicators: readonly IndicatorDefinition[] = [
  {
    column: 'gdp_pc',
    subsystem: 'economic',
    direction: '+',
    label: 'GDP per capita',
    unit: 'yuan',
    centre: 45000,
    scale: 8000,
    decimals: 0,
  },
  {
    column: 'unemployment',
    subsystem: 'economic',
    direction: '-',
    label: 'registered urban unemployment rate',
    unit: '%',
    centre: 3.6,
    scale: 0.5,
    decimals: 3,
  },
  {
    column: 'retail_pc',
    subsystem: 'economic',
    direction: '+',
    label: 'retail sales of consumer goods per capita',
    unit: 'yuan',
    centre: 18000,
    scale: 3200,
    decimals: 0,
  },
  {
    column: 'revenue_pc',
    subsystem: 'economic',
    direction: '+',
    label: 'general budget revenue per capita',
    unit: 'yuan',
    centre: 5000,
    scale: 900,
    decimals: 1,
  },
  {
    column: 'savings_pc',
    subsystem: 'economic',
    direction: '+',
    label: 'household savings per capita',
    unit: 'yuan',
    centre: 40000,
    scale: 7000,
    decimals: 0,
  },
  {
    column: 'hospital_beds',
    subsystem: 'social',
    direction: '+',
    label: 'hospital beds per 10,000 people',
    unit: 'beds',
    centre: 45,
    scale: 7,
    decimals: 3,
  },
  {
    column: 'doctors',
    subsystem: 'social',
    direction: '+',
    label: 'licensed doctors per 10,000 people',
    unit: 'persons',
    centre: 25,
    scale: 4,
    decimals: 3,
  },
  {
    column: 'broadband',
    subsystem: 'social',
    direction: '+',
    label: 'broadband subscribers per 100 households',
    unit: 'subscribers',
    centre: 60,
    scale: 10,
    decimals: 3,
  },
  {
    column: 'pension_coverage',
    subsystem: 'social',
    direction: '+',
    label: 'basic pension insurance coverage',
    unit: '%',
    centre: 70,
    scale: 6,
    decimals: 3,
  },
  {
    column: 'road_area_pc',
    subsystem: 'social',
    direction: '+',
    label: 'road area per capita',
    unit: 'm²',
    centre: 15,
    scale: 2.5,
    decimals: 3,
  },
  {
    column: 'green_coverage',
    subsystem: 'environmental',
    direction: '+',
    label: 'green coverage of built-up area',
    unit: '%',
    centre: 38,
    scale: 5,
    decimals: 3,
  },
  {
    column: 'so2_emissions',
    subsystem: 'environmental',
    direction: '-',
    label: 'industrial SO₂ emissions per km²',
    unit: 't',
    centre: 8,
    scale: 1.4,
    decimals: 4,
  },
  {
    column: 'wastewater',
    subsystem: 'environmental',
    direction: '-',
    label: 'industrial wastewater per 10⁸ yuan of GDP',
    unit: '10⁴ t',
    centre: 10,
    scale: 1.8,
    decimals: 4,
  },
  {
    column: 'pm25',
    subsystem: 'environmental',
    direction: '-',
    label: 'annual mean PM2.5',
    unit: 'μg/m³',
    centre: 45,
    scale: 7,
    decimals: 3,
  },
  {
    column: 'waste_treatment',
    subsystem: 'environmental',
    direction: '+',
    label: 'harmless treatment rate of household waste',
    unit: '%',
    centre: 80,
    scale: 3.5,
    decimals: 3,
  },
  {
    column: 'water_per_gdp',
    subsystem: 'resource',
    direction: '-',
    label: 'water use per 10⁴ yuan of GDP',
    unit: 'm³',
    centre: 60,
    scale: 10,
    decimals: 3,
  },
  {
    column: 'energy_per_gdp',
    subsystem: 'resource',
    direction: '-',
    label: 'energy use per 10⁴ yuan of GDP',
    unit: 'tce',
    centre: 0.8,
    scale: 0.13,
    decimals: 5,
  },
  {
    column: 'land_output',
    subsystem: 'resource',
    direction: '+',
    label: 'GDP per km² of built-up land',
    unit: '10⁸ yuan',
    centre: 12,
    scale: 2,
    decimals: 4,
  },
  {
    column: 'water_supply_pc',
    subsystem: 'resource',
    direction: '+',
    label: 'water supply per capita',
    unit: 't',
    centre: 80,
    scale: 13,
    decimals: 3,
  },
  {
    column: 'park_green_pc',
    subsystem: 'resource',
    direction: '+',
    label: 'park green space per capita',
    unit: 'm²',
    centre: 12,
    scale: 2,
    decimals: 4,
  },
];

/** Noise of the indicators in units of z: idiosyncratic, per subsystem-year, and persistent per city and subsystem. */
export const indicatorNoise = { idiosyncratic: 0.01, subsystemYear: 0.01, subsystemCity: 0.4 };

export const FIRST_YEAR = 2001;
export const LAST_YEAR = 2023;

/** Unit-periods that do not exist in the observed panel (unbalancedness from real boundary changes). */
export const observedYears: Record<string, { from?: number; to?: number; reason: string }> = {
  '371200': { to: 2018, reason: '莱芜市 was merged into 济南市 in 2019' },
  '460400': { from: 2015, reason: '儋州市 became a prefecture-level city in 2015' },
};

/** Share of cities (at least one) with a few missing indicator cells. */
export const MISSING_CITY_SHARE = 0.02;
