import { controlProps, FieldError } from './Field';
import type { Option } from './Select';

export interface MultiSelectProps {
  /** Prefix of the checkbox ids and the group's name. */
  id: string;
  legend: string;
  options: Option[];
  /** Chosen values, in the order they were chosen. */
  values: string[];
  onChange: (values: string[]) => void;
  hint?: string;
  error?: string;
}

/** `values` with `value` added at the end (on) or removed (off): choices keep the order they were made in. */
export function toggleValue(values: string[], value: string, on: boolean): string[] {
  const rest = values.filter((v) => v !== value);
  return on ? [...rest, value] : rest;
}

/** A group of checkboxes: every choice is visible, and each is a native control. */
export function MultiSelect({ id, legend, options, values, onChange, hint, error }: MultiSelectProps) {
  const chosen = new Set(values);
  const toggle = (value: string, on: boolean) => onChange(toggleValue(values, value, on));
  const group = controlProps(id, hint, error);
  return (
    <fieldset
      className={error ? 'sp-field sp-multiselect sp-field-invalid' : 'sp-field sp-multiselect'}
      id={id}
      aria-describedby={group['aria-describedby']}
      aria-invalid={group['aria-invalid']}
    >
      <legend>{legend}</legend>
      <div className="sp-multiselect-options">
        {options.map((option) => (
          <label key={option.value} className="sp-check">
            <input
              type="checkbox"
              name={id}
              value={option.value}
              checked={chosen.has(option.value)}
              disabled={option.disabled}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            <span>{option.label ?? option.value}</span>
          </label>
        ))}
      </div>
      {hint && (
        <p className="sp-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && <FieldError id={`${id}-error`} message={error} />}
    </fieldset>
  );
}
