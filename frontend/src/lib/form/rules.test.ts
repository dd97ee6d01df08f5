// The form rules run the schemas generated from backend/openapi.json: these
// tests use the generated ones, so they also pin the API's limits as the SPA
// sees them (a title of 1 to 255 characters, a password of 8 to 128...).
import * as z from "zod/mini";
import { zItemCreate, zUserRegister, zUserUpdate } from "@/lib/api/schemas";
import { email as emailField, lengthHint, matches, text } from "./rules";

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
