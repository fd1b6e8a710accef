'use client';

import { useState, type FormEvent } from 'react';
import { addTerm, dictionaryTerms, removeTerm, type DictionaryEdits } from './keyword-dictionary';

export interface KeywordEditorProps {
  defaults: readonly string[];
  edits: DictionaryEdits;
  onChange: (edits: DictionaryEdits) => void;
}

/** The keyword list in use (the default dictionary with the edits): remove any term, add new ones. */
export function KeywordEditor({ defaults, edits, onChange }: KeywordEditorProps) {
  const [term, setTerm] = useState('');
  const terms = dictionaryTerms(defaults, edits);
  const added = new Set(edits.added);
  function add(event: FormEvent) {
    event.preventDefault();
    onChange(addTerm(defaults, edits, term));
    setTerm('');
  }
  return (
    <div className="keyword-editor">
      <ul className="keyword-list" aria-label="Keywords" data-testid="keyword-list">
        {terms.map((t) => (
          <li key={t} className={added.has(t) ? 'keyword keyword-added' : 'keyword'}>
            <span>{t}</span>
            <button
              type="button"
              aria-label={`Remove ${t}`}
              onClick={() => onChange(removeTerm(defaults, edits, t))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form className="keyword-add" onSubmit={add} aria-label="Add a keyword">
        <label htmlFor="new-term">Add a term</label>
        <input id="new-term" type="text" value={term} onChange={(e) => setTerm(e.target.value)} />
        <button type="submit" className="button button-quiet" disabled={!term.trim()}>
          Add
        </button>
      </form>
      <p className="muted">
        {terms.length} terms
        {edits.removed.length > 0 && `; removed from the default: ${edits.removed.join(', ')}`}. Matching:
        Unicode NFKC, case-insensitive, longest match first, Latin terms as whole words.
      </p>
    </div>
  );
}
