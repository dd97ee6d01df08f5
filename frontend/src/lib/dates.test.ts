import { formatDate, formatDateTime, fromDateTimeInput, toDateTimeInput } from "./dates";

test("a date stays on its day, whatever the time zone", () => {
  const expected = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(
    new Date(2026, 11, 31),
  );
  expect(formatDate("2026-12-31")).toBe(expected);
});

test("an instant is shown in the user's locale and time zone", () => {
  const expected = new Intl.DateTimeFormat(undefined, {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(Date.UTC(2025, 0, 31, 9, 30)));
  expect(formatDateTime("2025-01-31T09:30:00Z")).toBe(expected);
});

test("a datetime-local value is the user's local time; the API's is UTC", () => {
  const local = new Date(2025, 0, 31, 10, 30);
  expect(toDateTimeInput(local.toISOString())).toBe("2025-01-31T10:30");
  expect(fromDateTimeInput("2025-01-31T10:30")).toBe(local.toISOString());
  expect(toDateTimeInput(null)).toBe("");
  expect(fromDateTimeInput("")).toBeUndefined();
  expect(fromDateTimeInput("31/01/2025 10:30")).toBeUndefined();
});

test("seconds survive the round trip, so saving unchanged keeps the instant", () => {
  const iso = new Date(2025, 5, 1, 8, 0, 15).toISOString();
  expect(toDateTimeInput(iso)).toBe("2025-06-01T08:00:15");
  expect(fromDateTimeInput(toDateTimeInput(iso))).toBe(iso);
});
