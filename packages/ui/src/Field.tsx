import type { ReactNode } from 'react';

/** Attributes a control inside a Field needs to be labelled and described. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

export interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  /** Message naming what is wrong with this field; marks the control invalid. */
  error?: string;
  children: (control: ControlProps) => ReactNode;
}

/** Label, control, hint and error message, wired together for assistive technology. */
export function Field({ id, label, hint, error, children }: FieldProps) {
  return (
    <div className={error ? 'sp-field sp-field-invalid' : 'sp-field'}>
      <label htmlFor={id}>{label}</label>
      {children(controlProps(id, hint, error))}
      {hint && (
        <p className="sp-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && <FieldError id={`${id}-error`} message={error} />}
    </div>
  );
}

export function controlProps(id: string, hint?: string, error?: string): ControlProps {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return { id, 'aria-describedby': describedBy || undefined, 'aria-invalid': error ? true : undefined };
}

export function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p className="sp-field-error" id={id} role="alert" data-testid={id}>
      {message}
    </p>
  );
}

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'number';
  autoComplete?: string;
  /** Number inputs: bounds and step. */
  min?: number;
  max?: number;
  step?: number | 'any';
  required?: boolean;
  minLength?: number;
  hint?: string;
  error?: string;
}

export function TextField({
  id,
  label,
  value,
  onChange,
  type = 'text',
  hint,
  error,
  ...rest
}: TextFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          {...rest}
          name={id}
          type={type}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
