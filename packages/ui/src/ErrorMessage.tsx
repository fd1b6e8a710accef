export interface ErrorMessageProps {
  message: string;
  /** Stable error code (e.g. DUPLICATE_ROW), shown small. */
  code?: string;
  /** Where the error points; row, column, unit and field are listed when present. */
  details?: Record<string, unknown>;
  testId?: string;
}

const pointers = ['field', 'row', 'column', 'unit', 'time'] as const;

/** An alert naming what went wrong and where. */
export function ErrorMessage({ message, code, details, testId = 'error-message' }: ErrorMessageProps) {
  const located = pointers.filter((key) => details?.[key] !== undefined && details[key] !== null);
  return (
    <div className="sp-error" role="alert" data-testid={testId}>
      <p className="sp-error-message">
        {message}
        {code && <span className="sp-error-code"> ({code})</span>}
      </p>
      {located.length > 0 && (
        <dl className="sp-error-details">
          {located.map((key) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd data-testid={`error-${key}`}>{String(details![key])}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
