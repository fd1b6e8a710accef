import { studyTemplates } from '@spillover/contracts';
import { describe, expect, it } from 'vitest';
import { studyOptionsText, studyTemplateLabel, studyTemplateOptions } from './study-template';

describe('study template', () => {
  it('offers every template of the contracts', () => {
    expect(studyTemplateOptions.map((t) => t.value)).toEqual([...studyTemplates]);
    expect(studyTemplateLabel('digital-resilience')).toContain('simulated Chinese cities, 2001-2023');
  });
  it('describes the options a study runs with', () => {
    expect(studyOptionsText({ seed: 7, quick: true, cities: 20 })).toBe('seed 7 · 20 cities · quick');
    expect(studyOptionsText({ seed: 1, quick: true, cities: null })).toBe('seed 1 · 60 cities · quick');
    expect(studyOptionsText({ seed: 1, quick: false, cities: null })).toBe('seed 1 · every city');
  });
});
