// The form rules run the schemas generated from backend/openapi.json: these
// tests use the generated ones, so they also pin the API's limits as the SPA
// sees them (a title of 1 to 255 characters, a password of 8 to 128...).
import * as z from "zod/mini";
import { zItemCreate, zUserRegister, zUserUpdate } from "@/lib/api/schemas";
import {
  choice,
  date,
  dateTime,
  email as emailField,
  lengthHint,
  matches,
  optionalText,
  text,
  wholeNumber,
} from "./rules";

/** The message `schema` gives `value`, or null when it passes. */
function messageFor(schema: z.ZodMiniType, value: unknown): string | null {
  return z.safeParse(schema, value).error?.issues[0]?.message ?? null;
}

const title = text(zItemCreate.shape.title, "Title");
const description = text(zItemCreate.shape.description, "Description");
const email = emailField(zUserRegister.shape.email);
const password = text(zUserRegister.shape.password, "Password", { trim: false });

test("a field the API needs is required: blanks do not count", () => {
  expect(messageFor(title, "")).toBe("Title is required.");
  expect(messageFor(title, "   ")).toBe("Title is required.");
  expect(messageFor(title, " x ")).toBeNull();
  expect(messageFor(password, "")).toBe("Password is required.");
});

test("a field the API lets be empty is optional, and `required` overrides either way", () => {
  expect(messageFor(description, "")).toBeNull();
  expect(messageFor(text(z.string(), "Confirm password", { required: true }), "")).toBe(
    "Confirm password is required.",
  );
  const newPassword = text(zUserUpdate.shape.password, "New password", { required: false });
  expect(messageFor(newPassword, "")).toBeNull();
  expect(messageFor(newPassword, "short")).toBe("New password must be at least 8 characters.");
});

test("the API's patterns run as written: no NUL, and blanks of any script are blanks", () => {
  // The generated patterns carry \uXXXX escapes (scripts/api-client.mjs keeps them).
  expect(messageFor(title, "a\u0000b")).toBe("Title is not valid.");
  expect(messageFor(description, "a\u0000b")).toBe("Description is not valid.");
  expect(messageFor(title, "\u3000\u00A0\t")).toBe("Title is required.");
  expect(messageFor(title, "a\nb")).toBeNull();
});

test("the text is checked, and given to the form, trimmed; a password is not", () => {
  expect(z.parse(title, "  Buy milk  ")).toBe("Buy milk");
  expect(z.parse(password, " 12345678 ")).toBe(" 12345678 ");
  expect(messageFor(password, "  123456")).toBeNull();
});

test("the length limits come from the API's schema, in the messages too", () => {
  expect(messageFor(title, "x".repeat(255))).toBeNull();
  expect(messageFor(title, "x".repeat(256))).toBe("Title must be at most 255 characters.");
  expect(messageFor(description, "d".repeat(256))).toBe(
    "Description must be at most 255 characters.",
  );
  expect(messageFor(password, "1234567")).toBe("Password must be at least 8 characters.");
  expect(messageFor(password, "12345678")).toBeNull();
  expect(messageFor(password, "x".repeat(128))).toBeNull();
  expect(messageFor(password, "x".repeat(129))).toBe("Password must be at most 128 characters.");
  const code = text(z.string().check(z.maxLength(3)), "Code");
  expect(messageFor(code, "abcd")).toBe("Code must be at most 3 characters.");
});

test("lengths count characters as the API does, not UTF-16 units", () => {
  // Each emoji is one character but two UTF-16 units.
  expect(messageFor(password, "😀".repeat(4))).toBe("Password must be at least 8 characters.");
  expect(messageFor(password, "😀".repeat(128))).toBeNull();
  expect(messageFor(title, "😀".repeat(255))).toBeNull();
  expect(messageFor(title, "😀".repeat(256))).toBe("Title must be at most 255 characters.");
});

test("an email needs something@domain.tld of at most 255 characters", () => {
  expect(messageFor(email, "")).toBe("Email is required.");
  expect(messageFor(email, "  ")).toBe("Email is required.");
  for (const bad of ["ann", "ann@example", "ann@@example.com", "an n@example.com", "@x.io"]) {
    expect(messageFor(email, bad)).toBe("Enter a valid email address.");
  }
  expect(messageFor(email, "ann@example.com")).toBeNull();
  expect(messageFor(email, " ann+test@mail.example.co.uk ")).toBeNull();
  const local = "a".repeat(243);
  expect(messageFor(email, `${local}@example.com`)).toBeNull(); // 255 characters
  expect(messageFor(email, `${local}a@example.com`)).toBe("Email must be at most 255 characters.");
});

test("an internationalised email, which the API takes, is not refused", () => {
  expect(messageFor(email, "jörg@exämple.de")).toBeNull();
  expect(messageFor(email, "jörg@")).toBe("Enter a valid email address.");
});

test("matches compares with the other field and is checked with the other fields' mistakes", () => {
  const form = z.object({ password, confirm: z.string() }).check(matches("confirm", "password"));
  expect(z.safeParse(form, { password: "secret-one", confirm: "secret-one" }).success).toBe(true);
  const issues = z.safeParse(form, { password: "short", confirm: "other" }).error?.issues;
  expect(issues?.map((issue) => [issue.path.join("."), issue.message])).toEqual([
    ["password", "Password must be at least 8 characters."],
    ["confirm", "The passwords do not match."],
  ]);
});

test("lengthHint tells a field's limits", () => {
  expect(lengthHint(z.string().check(z.minLength(8), z.maxLength(128)))).toBe(
    "8 to 128 characters",
  );
  expect(lengthHint(z.string().check(z.maxLength(255)))).toBe("At most 255 characters");
  expect(lengthHint(z.string())).toBe("");
});

// The rules of a generated resource's fields, as the client generator writes them.
const hours = wholeNumber(z.int().check(z.gte(0), z.lte(1000)), "Hours");
const estimate = wholeNumber(z.nullish(z.int().check(z.gte(-5), z.lte(5))), "Estimate");
const due = date(z.nullish(z.iso.date()), "Due");
const starts = date(z.iso.date(), "Starts");
const remindAt = dateTime(z.nullish(z.iso.datetime()), "Remind at");
const project = choice(z.uuid(), "Project");
const notes = optionalText(z.nullish(z.string().check(z.minLength(1), z.maxLength(20))), "Notes");

test("a number is whole and within the API's bounds, in the bounds' words", () => {
  expect(z.parse(hours, " 12 ")).toBe(12);
  expect(z.parse(hours, "1000")).toBe(1000);
  expect(messageFor(hours, "")).toBe("Hours is required.");
  expect(messageFor(hours, "1.5")).toBe("Hours must be a whole number.");
  expect(messageFor(hours, "1e3")).toBe("Hours must be a whole number.");
  expect(messageFor(hours, "1001")).toBe("Hours must be at most 1000.");
  expect(messageFor(hours, "-1")).toBe("Hours must be at least 0.");
  expect(messageFor(estimate, "-6")).toBe("Estimate must be at least -5.");
  expect(z.parse(estimate, "-5")).toBe(-5);
});

test("a field the API lets be null is null when left empty; otherwise it is required", () => {
  expect(z.parse(estimate, "")).toBeNull();
  expect(z.parse(due, " ")).toBeNull();
  expect(z.parse(remindAt, "")).toBeNull();
  expect(z.parse(notes, "")).toBeNull();
  expect(messageFor(starts, "")).toBe("Starts is required.");
  expect(messageFor(project, "")).toBe("Project is required.");
});

test("a date is the API's ISO date; a time is the user's local time sent in UTC", () => {
  expect(z.parse(due, "2026-12-31")).toBe("2026-12-31");
  expect(messageFor(due, "2026-02-30")).toBe("Due is not a valid date.");
  expect(z.parse(remindAt, "2025-01-31T10:30")).toBe(new Date(2025, 0, 31, 10, 30).toISOString());
  expect(z.parse(remindAt, "2025-01-31T10:30")).toMatch(/Z$/);
  expect(messageFor(remindAt, "tomorrow")).toBe("Remind at is not a valid date and time.");
});

test("a choice is a record's id", () => {
  const id = "00000000-0000-4000-8000-000000000001";
  expect(z.parse(project, id)).toBe(id);
  expect(messageFor(project, "not-an-id")).toBe("Project is not valid.");
});

test("an optional text is trimmed and checked like any text", () => {
  expect(z.parse(notes, "  Call Ann  ")).toBe("Call Ann");
  expect(messageFor(notes, "n".repeat(21))).toBe("Notes must be at most 20 characters.");
});
