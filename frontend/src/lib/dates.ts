// Dates and times as the user reads and types them: in their locale and time
// zone, while the API speaks RFC 3339 in UTC ("2025-01-31T09:30:00Z") and
// plain ISO dates ("2025-01-31"). One formatter each, built once.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
// A date is a day on the calendar, not an instant: formatted in UTC, where it
// is parsed, so no time zone moves it to the day before.
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

/** An instant from the API, in the user's locale and time zone: "Jan 31, 2025, 10:30 AM". */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** A date from the API ("2025-01-31"), in the user's locale: "Jan 31, 2025". */
export function formatDate(isoDate: string): string {
  return dateOnly.format(new Date(`${isoDate}T00:00:00Z`));
}

const pad = (value: number) => String(value).padStart(2, "0");

/**
 * An instant from the API as an `<input type="datetime-local">` value: the
 * user's local time, "2025-01-31T10:30" (with seconds when it has any, so
 * saving unchanged does not move it). "" for none.
 */
export function toDateTimeInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const at = new Date(iso);
  const minutes =
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}` +
    `T${pad(at.getHours())}:${pad(at.getMinutes())}`;
  return at.getSeconds() ? `${minutes}:${pad(at.getSeconds())}` : minutes;
}

/**
 * An `<input type="datetime-local">` value (the user's local time) as the API
 * takes it: RFC 3339 in UTC, "2025-01-31T09:30:00.000Z". Undefined when it is
 * not a date and time.
 */
export function fromDateTimeInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}
