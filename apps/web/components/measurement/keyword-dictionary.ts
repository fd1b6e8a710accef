import type { KeywordDictionary } from '@spillover/contracts';

/** The edits of a dictionary relative to the default: terms removed from it and terms added to it. */
export interface DictionaryEdits {
  removed: string[];
  added: string[];
}

/** The terms in use: the default minus the removed plus the added. */
export function dictionaryTerms(defaults: readonly string[], edits: DictionaryEdits): string[] {
  const removed = new Set(edits.removed);
  return [...defaults.filter((t) => !removed.has(t)), ...edits.added];
}

/** Adds a term (trimmed; ignored when empty or already in use; restores a removed default term). */
export function addTerm(defaults: readonly string[], edits: DictionaryEdits, term: string): DictionaryEdits {
  const trimmed = term.trim();
  if (!trimmed || dictionaryTerms(defaults, edits).includes(trimmed)) return edits;
  if (defaults.includes(trimmed)) return { ...edits, removed: edits.removed.filter((t) => t !== trimmed) };
  return { ...edits, added: [...edits.added, trimmed] };
}

export function removeTerm(
  defaults: readonly string[],
  edits: DictionaryEdits,
  term: string,
): DictionaryEdits {
  if (edits.added.includes(term)) return { ...edits, added: edits.added.filter((t) => t !== term) };
  if (defaults.includes(term) && !edits.removed.includes(term)) {
    return { ...edits, removed: [...edits.removed, term] };
  }
  return edits;
}

/** The spec's `dictionary` field for the edits (undefined: the default as it is). */
export function dictionarySpec(edits: DictionaryEdits): KeywordDictionary | undefined {
  if (edits.added.length === 0 && edits.removed.length === 0) return undefined;
  return {
    ...(edits.added.length > 0 ? { add: edits.added } : {}),
    ...(edits.removed.length > 0 ? { remove: edits.removed } : {}),
  };
}
