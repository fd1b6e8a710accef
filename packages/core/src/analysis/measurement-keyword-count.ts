/**
 * `keyword-count`: counts the digital-economy / digital-government dictionary in one text per
 * unit and period (the panel CSV's `text` column), by the rules of ../measurement/keywords.ts.
 * An empty text counts as a document of 0 characters (reported in `warnings`).
 */
import { SpilloverError, type KeywordCountResult, type KeywordCountSpec } from '@spillover/contracts';
import { parseCsv } from '../data/csv.js';
import type { Panel } from '../data/panel.js';
import { compileDictionary, countKeywords, editDictionary } from '../measurement/keywords.js';
import { panelOrder } from '../measurement/panel-order.js';
import type { AnalysisInputs, RunHooks } from './run-analysis.js';

export function runKeywordCount(
  spec: KeywordCountSpec,
  panel: Panel,
  inputs: AnalysisInputs,
  hooks: RunHooks = {},
): KeywordCountResult {
  const position = panel.columnNames.indexOf(spec.text);
  if (position < 0 || spec.text === panel.unitColumn || spec.text === panel.timeColumn) {
    throw new SpilloverError(
      position < 0 ? 'UNKNOWN_COLUMN' : 'INVALID_SPEC',
      position < 0
        ? `text: column "${spec.text}" is not in the panel; available columns: ${panel.columnNames.join(', ')}`
        : `text: column "${spec.text}" is the panel's id column, not a text`,
      { field: 'text', column: spec.text },
    );
  }
  const terms = editDictionary(spec.dictionary);
  if (terms.length === 0) {
    throw new SpilloverError('INVALID_SPEC', 'dictionary: no term is left after the edits', {
      field: 'dictionary',
    });
  }
  const matcher = compileDictionary(terms);
  const { records } = parseCsv(inputs.panelCsv, 'panel CSV');
  const totals = new Float64Array(matcher.terms.length);
  const order = panelOrder(panel);
  const empty: string[] = [];
  const texts: KeywordCountResult['texts'] = [];
  order.forEach((r, k) => {
    const unit = panel.units[panel.unitIndex[r]!]!;
    const time = panel.times[panel.timeIndex[r]!]!;
    const text = records[r]!.fields[position]!;
    const counted = countKeywords(text, matcher);
    if (counted.characters === 0) empty.push(`${unit} ${time}`);
    counted.termCounts.forEach((c, j) => (totals[j] += c));
    texts.push({
      unit,
      time,
      count: counted.count,
      characters: counted.characters,
      frequency: counted.frequency,
      lnCount: counted.lnCount,
      terms: Object.fromEntries(matcher.terms.map((term, j) => [term, counted.termCounts[j]!])),
    });
    if ((k + 1) % 100 === 0 || k + 1 === order.length) {
      hooks.onProgress?.({ stage: 'keyword-count', done: k + 1, total: order.length });
    }
  });
  const result: KeywordCountResult = {
    kind: 'keyword-count',
    nobs: panel.nrows,
    nunits: panel.units.length,
    nperiods: panel.times.length,
    dictionary: [...matcher.terms],
    totals: Object.fromEntries(matcher.terms.map((term, j) => [term, totals[j]!])),
    texts,
  };
  if (empty.length > 0) {
    result.warnings = [
      `${empty.length} empty text(s): ${empty.slice(0, 10).join(', ')}${empty.length > 10 ? ', …' : ''}`,
    ];
  }
  return result;
}
