import { describe, expect, it } from 'vitest';
import { indexFormErrors, indexSpec, initialIndicators, type IndexForm } from './index-spec';
import { addTerm, dictionarySpec, dictionaryTerms, removeTerm } from './keyword-dictionary';

describe('index builder form', () => {
  const form: IndexForm = {
    indicators: initialIndicators(['gdp_pc', 'pm25', 'energy_intensity', 'beds']),
    weighting: 'pooled',
    method: 'topsis',
    output: 'resilience',
    saveAs: '',
  };

  it('guesses "less is better" from the name and writes the spec of the chosen indicators', () => {
    const chosen = {
      ...form,
      indicators: form.indicators.map((i) =>
        i.column === 'beds'
          ? { ...i, group: 'custom', customGroup: ' health ' }
          : i.column === 'gdp_pc'
            ? i
            : { ...i, group: 'environmental' },
      ),
    };
    chosen.indicators[2] = { ...chosen.indicators[2]!, included: false };
    expect(indexSpec(chosen, 'city', 'year')).toEqual({
      kind: 'entropy-index',
      unit: 'city',
      time: 'year',
      indicators: [
        { column: 'gdp_pc', direction: '+', group: 'economic' },
        { column: 'pm25', direction: '-', group: 'environmental' },
        { column: 'beds', direction: '+', group: 'health' },
      ],
      weighting: 'pooled',
      method: 'topsis',
      output: 'resilience',
    });
    expect(indexFormErrors(chosen)).toEqual({ indicators: undefined, output: undefined });
  });

  it('asks for two indicators, a name for a custom group and a usable column name', () => {
    const one = { ...form, indicators: form.indicators.map((i, k) => ({ ...i, included: k === 0 })) };
    expect(indexFormErrors(one).indicators).toBe('choose at least two indicators');
    const unnamed = { ...form, indicators: form.indicators.map((i) => ({ ...i, group: 'custom' })) };
    expect(indexFormErrors(unnamed).indicators).toBe('name the custom group of gdp_pc');
    expect(indexFormErrors({ ...form, output: '2index' }).output).toMatch(/start with a letter/);
  });
});

describe('keyword dictionary edits', () => {
  const defaults = ['数字经济', '5G', 'big data'];

  it('removes and restores default terms and adds new ones once', () => {
    let edits = { removed: [] as string[], added: [] as string[] };
    expect(dictionarySpec(edits)).toBeUndefined();
    edits = removeTerm(defaults, edits, '5G');
    edits = addTerm(defaults, edits, ' 智慧城市 ');
    edits = addTerm(defaults, edits, '智慧城市');
    expect(dictionaryTerms(defaults, edits)).toEqual(['数字经济', 'big data', '智慧城市']);
    expect(dictionarySpec(edits)).toEqual({ add: ['智慧城市'], remove: ['5G'] });
    edits = addTerm(defaults, edits, '5G');
    edits = removeTerm(defaults, edits, '智慧城市');
    expect(dictionarySpec(edits)).toBeUndefined();
  });
});
