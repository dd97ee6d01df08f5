// The API's input rules, checked in the browser first so a mistake is shown
// next to the field before any request. The server checks them again: its
// answer (`fieldErrors`) is shown the same way.
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const TEXT_MAX = 255;

// The same shape the API accepts: something@domain.tld, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// The API counts characters (Unicode code points), while a JS string's length
// counts UTF-16 units, so an emoji would count twice.
const characters = (value: string) => [...value].length;

export type Check = (value: string) => string | null;

export const required =
  (label: string): Check =>
  (value) =>
    value.trim() ? null : `${label} is required.`;

export const email: Check = (value) => {
  if (!value.trim()) return "Email is required.";
  if (characters(value.trim()) > TEXT_MAX) return `Email must be at most ${TEXT_MAX} characters.`;
  return EMAIL.test(value.trim()) ? null : "Enter a valid email address.";
};

export const password: Check = (value) => {
  if (!value) return "Password is required.";
  if (characters(value) < PASSWORD_MIN)
    return `Password must be at least ${PASSWORD_MIN} characters.`;
  if (characters(value) > PASSWORD_MAX)
    return `Password must be at most ${PASSWORD_MAX} characters.`;
  return null;
};

export const maxLength =
  (label: string, max = TEXT_MAX): Check =>
  (value) =>
    characters(value) > max ? `${label} must be at most ${max} characters.` : null;

export const sameAs =
  (other: () => string, message = "The passwords do not match."): Check =>
  (value) =>
    value === other() ? null : message;

/** Runs each field's checks in order; the first failure per field wins. */
export function validate<F extends string>(
  values: Record<F, string>,
  rules: Partial<Record<F, Check[]>>,
): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {};
  for (const field of Object.keys(rules) as F[]) {
    for (const check of rules[field] ?? []) {
      const message = check(values[field]);
      if (message) {
        errors[field] = message;
        break;
      }
    }
  }
  return errors;
}
