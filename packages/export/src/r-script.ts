import type { AnalysisSpec, WeightsFormat } from '@spillover/contracts';

type RegressionSpec = Extract<AnalysisSpec, { kind: 'regression' }>;

export interface RScriptInput {
  analysisId: string;
  title: string;
  spec: AnalysisSpec;
  /** Path of the panel CSV relative to the script. */
  dataPath: string;
  dataSha256: string;
  /** Path and format of the weights file relative to the script, when the spec uses weights. */
  weights?: { path: string; format: WeightsFormat } | null;
  codeVersion: string;
}

/** An R string literal. */
function rString(value: string): string {
  return JSON.stringify(value);
}

/** A column name usable unquoted in an R formula, else back-quoted. */
function rName(name: string): string {
  return /^[A-Za-z.][A-Za-z0-9._]*$/.test(name) ? name : `\`${name.replace(/`/g, '\\`')}\``;
}

const plmEffect: Record<string, string> = {
  unit: 'individual',
  time: 'time',
  twoways: 'twoways',
  none: 'individual',
};

/** R lines that read the weights into `lw` (a listw) with rows and columns in the panel's unit order. */
function weightsLines(
  spec: { weights?: { style: 'row' | 'none' } },
  weights: NonNullable<RScriptInput['weights']>,
): string[] {
  const style = spec.weights?.style === 'none' ? 'B' : 'W';
  const styleNote =
    style === 'W'
      ? '# row-standardised (style "W")'
      : '# weights as given (style "B" for 0/1 weights; check non-binary ones)';
  switch (weights.format) {
    case 'matrix':
      return [
        `Wm <- as.matrix(read.csv(${rString(weights.path)}, row.names = 1, check.names = FALSE))`,
        'Wm <- Wm[units, units]',
        styleNote,
        `lw <- mat2listw(Wm, style = ${rString(style)})`,
      ];
    case 'edges':
      return [
        `edges <- read.csv(${rString(weights.path)}, colClasses = c("character", "character", "numeric"))`,
        'Wm <- matrix(0, length(units), length(units), dimnames = list(units, units))',
        'Wm[cbind(edges[[1]], edges[[2]])] <- edges[[3]]',
        styleNote,
        `lw <- mat2listw(Wm, style = ${rString(style)})`,
      ];
    case 'gal':
      return [
        `nb <- read.gal(${rString(weights.path)}, region.id = units)`,
        styleNote,
        `lw <- nb2listw(nb, style = ${rString(style)})`,
      ];
    case 'gwt':
      return [
        `nb <- read.gwt2nb(${rString(weights.path)}, region.id = units)`,
        styleNote,
        `lw <- nb2listw(nb, glist = attr(nb, "GeoDa")$dist, style = ${rString(style)})`,
      ];
  }
}

function regressionLines(spec: RegressionSpec, input: RScriptInput): string[] {
  const lines: string[] = [];
  const spatial = spec.weights !== undefined && input.weights;
  // SDPDm adds W*x itself for a dynamic SDM
  const durbinModels = ['sdm', 'sdem', 'slx'];
  const durbin = durbinModels.includes(spec.model) ? (spec.durbin ?? spec.x) : [];
  const regressors = [...spec.x.map(rName), ...durbin.map((x) => rName(`W_${x}`))];
  const formula = `${rName(spec.y)} ~ ${regressors.join(' + ')}`;
  const effect = plmEffect[spec.effects] ?? 'individual';

  if (spatial) {
    lines.push(
      'library(spdep)',
      'library(spatialreg)',
      'library(splm)',
      '',
      ...weightsLines(spec, input.weights!),
      '',
    );
  }
  for (const x of durbin) {
    lines.push(`pdata$${rName(`W_${x}`)} <- slag(pdata$${rName(x)}, listw = lw)  # W*${x}`);
  }
  if (durbin.length > 0) lines.push('');

  switch (spec.model) {
    case 'ols':
      lines.push(`fit <- plm(${formula}, data = pdata, model = "pooling")`);
      break;
    case 'fe':
      lines.push(`fit <- plm(${formula}, data = pdata, model = "within", effect = ${rString(effect)})`);
      break;
    case 're':
      lines.push(`fit <- plm(${formula}, data = pdata, model = "random", random.method = "swar")`);
      break;
    case 'slx':
      lines.push(
        spec.effects === 'none'
          ? `fit <- plm(${formula}, data = pdata, model = "pooling")`
          : `fit <- plm(${formula}, data = pdata, model = "within", effect = ${rString(effect)})`,
      );
      break;
    case 'sar':
    case 'sem':
    case 'sac':
    case 'sdm':
    case 'sdem': {
      const lag = ['sar', 'sac', 'sdm'].includes(spec.model) ? 'TRUE' : 'FALSE';
      const error = ['sem', 'sac', 'sdem'].includes(spec.model) ? '"b"' : '"none"';
      const model = spec.effects === 'none' ? '"pooling"' : '"within"';
      lines.push(
        '# splm calls the spatial lag coefficient "lambda" and the spatial error coefficient "rho" (the reverse of Spillover)',
        `fit <- spml(${formula}, data = pdata, listw = lw, model = ${model}, effect = ${rString(effect)}, lag = ${lag}, spatial.error = ${error}${spec.leeYu ? ', LeeYu = TRUE' : ''})`,
      );
      break;
    }
    case 'dsdm':
    case 'dsar':
      lines.push(
        'library(SDPDmod)',
        '# dynamic spatial panel (Lee and Yu 2014); see ../shared/fixtures/scripts/sdpd_exact.R for the exact log-determinant',
        `fit <- SDPDm(formula = ${formula}, data = panel, W = listw2mat(lw), index = c(${rString(spec.unit)}, ${rString(spec.time)}), model = ${rString(spec.model === 'dsdm' ? 'sdm' : 'sar')}, effect = ${rString(effect)}, LYtrans = ${spec.leeYu ? 'TRUE' : 'FALSE'}, dynamic = TRUE, tlaginfo = list(ind = NULL, tl = ${spec.dynamic?.timeLag === false ? 'FALSE' : 'TRUE'}, stl = ${spec.dynamic?.spaceTimeLag === false ? 'FALSE' : 'TRUE'}))`,
      );
      break;
  }
  lines.push('summary(fit)');

  if (spec.vcov !== 'classical' && ['ols', 'fe', 're', 'slx'].includes(spec.model)) {
    lines.push(
      '',
      'library(lmtest)',
      spec.vcov === 'cluster'
        ? '# clustered by unit with the Stata small-sample factor'
        : '# heteroskedasticity-robust (White)',
      spec.vcov === 'cluster'
        ? 'coeftest(fit, vcov = vcovHC(fit, method = "arellano", type = "sss", cluster = "group"))'
        : 'coeftest(fit, vcov = vcovHC(fit, method = "white1", type = "HC0"))',
    );
  }
  if (spec.instruments) {
    lines.push('', '# instrumental variables: see spec.json (plm accepts them after a "|" in the formula)');
  }
  if (spec.impacts && spatial && ['sar', 'sac', 'sdm'].includes(spec.model)) {
    lines.push(
      '',
      `# LeSage-Pace effects; R's random numbers differ from Spillover's, so simulated SEs agree only within simulation error`,
      `set.seed(${spec.impacts.seed})`,
      `effects <- impacts(fit, listw = lw, time = length(unique(panel[[${rString(spec.time)}]])), R = ${spec.impacts.draws})`,
      'summary(effects, zstats = TRUE, short = TRUE)',
    );
  }
  return lines;
}

/**
 * An R script that repeats an analysis with the reference packages (plm, splm, spatialreg, spdep, SDPDmod)
 * where an equivalent exists; for other kinds it says how to run the spec with the Spillover command line.
 */
export function replicationScript(input: RScriptInput): string {
  const { spec } = input;
  const head = [
    `# Replication of Spillover analysis ${input.analysisId}: ${input.title.replace(/\n/g, ' ')}`,
    `# Spillover ${input.codeVersion}. The same spec runs with: npx spillover fit spec.json`,
    `# Panel ${input.dataPath}, sha256 ${input.dataSha256}`,
    '# Run from the folder of this script.',
    '',
  ];
  if (spec.kind !== 'regression' && spec.kind !== 'moran') {
    return [
      ...head,
      `# No R equivalent is written for ${spec.kind} analyses: run spec.json with the command line above.`,
      '',
    ].join('\n');
  }
  const load = [
    'library(plm)',
    '',
    `panel <- read.csv(${rString(input.dataPath)}, check.names = FALSE)`,
    `panel <- panel[order(panel[[${rString(spec.unit)}]], panel[[${rString(spec.time)}]]), ]`,
    `pdata <- pdata.frame(panel, index = c(${rString(spec.unit)}, ${rString(spec.time)}))`,
    '# units in the order plm uses (sorted), for the weights matrix',
    `units <- levels(factor(as.character(panel[[${rString(spec.unit)}]])))`,
    '',
  ];
  if (spec.kind === 'moran') {
    const weightLines = input.weights
      ? weightsLines(spec, input.weights)
      : ['# the spec names no weights file'];
    return [
      ...head,
      ...load,
      'library(spdep)',
      ...weightLines,
      '',
      `for (period in sort(unique(panel[[${rString(spec.time)}]]))) {`,
      `  slice <- panel[panel[[${rString(spec.time)}]] == period, ]`,
      `  slice <- slice[match(units, as.character(slice[[${rString(spec.unit)}]])), ]`,
      '  cat("period", period, "\\n")',
      `  print(moran.test(slice[[${rString(spec.variable)}]], lw, randomisation = TRUE))`,
      '}',
      '',
    ].join('\n');
  }
  return [...head, ...load, ...regressionLines(spec, input), ''].join('\n');
}
