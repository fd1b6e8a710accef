import { controlProps } from './Field';

export interface CheckboxProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  disabled?: boolean;
}

/** One labelled checkbox with an optional hint. */
export function Checkbox({ id, label, checked, onChange, hint, disabled }: CheckboxProps) {
  return (
    <div className="sp-field sp-field-check">
      <label className="sp-check" htmlFor={id}>
        <input
          {...controlProps(id, hint)}
          type="checkbox"
          name={id}
          checked={checked}
          disabled={disabled}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span>{label}</span>
      </label>
      {hint && (
        <p className="sp-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
