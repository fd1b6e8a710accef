import { Field } from './Field';

export interface Option {
  value: string;
  label?: string;
  disabled?: boolean;
}

export interface SelectProps {
  id: string;
  label: string;
  value: string;
  options: Option[];
  onChange: (value: string) => void;
  /** An empty first choice, e.g. "Choose a column". */
  placeholder?: string;
  hint?: string;
  error?: string;
  disabled?: boolean;
}

export function Select({
  id,
  label,
  value,
  options,
  onChange,
  placeholder,
  hint,
  error,
  disabled,
}: SelectProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <select
          {...control}
          name={id}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value} disabled={option.disabled}>
              {option.label ?? option.value}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
