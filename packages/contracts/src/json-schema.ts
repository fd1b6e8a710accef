import { z } from 'zod';
import { AnalysisResult } from './result.js';
import { AnalysisSpec } from './spec.js';

/**
 * JSON Schema (draft 2020-12) of the contract, for editors and other languages: the spec as written
 * (defaults optional) and the result as produced. Refinements that JSON Schema cannot say (e.g. a stored
 * weights id excludes file options) are checked by `spillover fit` and the API only.
 */
export function contractJsonSchema(which: 'spec' | 'result'): Record<string, unknown> {
  return which === 'spec'
    ? z.toJSONSchema(AnalysisSpec, { io: 'input', unrepresentable: 'any' })
    : z.toJSONSchema(AnalysisResult, { io: 'output', unrepresentable: 'any' });
}
