// A record's field as a table cell shows it.
import { formatDate, formatDateTime } from "@/lib/dates";

/** No value: a muted dash. */
export function NoValue() {
  return <span className="muted">—</span>;
}

/** A text, or the dash when it is empty. */
export function TextValue({ value }: { value: string | null | undefined }) {
  return value ? <>{value}</> : <NoValue />;
}

/** A number, or the dash for none. */
export function NumberValue({ value }: { value: number | null | undefined }) {
  return value === null || value === undefined ? <NoValue /> : <>{value}</>;
}

export function YesNo({ value }: { value: boolean }) {
  return <>{value ? "Yes" : "No"}</>;
}

/** A date ("2025-01-31") in the user's locale. */
export function DateValue({ value }: { value: string | null | undefined }) {
  return value ? <time dateTime={value}>{formatDate(value)}</time> : <NoValue />;
}

/** An instant (RFC 3339) in the user's locale and time zone. */
export function DateTimeValue({ value }: { value: string | null | undefined }) {
  return value ? <time dateTime={value}>{formatDateTime(value)}</time> : <NoValue />;
}
