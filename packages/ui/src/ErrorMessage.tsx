export interface ErrorMessageProps {
  message: string;
  /** Stable error code (e.g. DUPLICATE_ROW), shown small. */
  code?: string;
  /** Where the error points; field, row, column, unit(s) and time are listed when present. */
  details?: Record<string, unknown>;
  testId?: string;
}

const pointers = ['field', 'row', 'column', 'unit', 'units', 'time'] as const;
const listedAtMost = 20;

/** A detail as text; lists (e.g. the units a weights matrix lacks) joined, long ones cut with a count. */
function detailText(value: unknown): string {
  if (!Array.isArray(value)) return String(value);
  const shown = value.slice(0, listedAtMost).map(String).join(', ');
  return value.length > listedAtMost ? `${shown} … (${value.length} in all)` : shown;
}

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
              <dd data-testid={`error-${key}`}>{detailText(details![key])}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
