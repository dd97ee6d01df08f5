// The settings forms' checks: the API's rules, worded for these fields. Field
// names match the API's, so its 422 messages land on the same fields.
import type { UserPublic, UserUpdateMe } from "@/lib/api/types";
import {
  email,
  maxLength,
  password,
  required,
  sameAs,
  validate,
  type Check,
} from "@/lib/validation";

export type ProfileValues = { full_name: string; email: string };
export type PasswordValues = { current_password: string; new_password: string; confirm: string };

export const emptyPassword: PasswordValues = {
  current_password: "",
  new_password: "",
  confirm: "",
};

export function profileValues(user: UserPublic): ProfileValues {
  return { full_name: user.full_name ?? "", email: user.email };
}

export function checkProfile(values: ProfileValues) {
  return validate(values, { full_name: [maxLength("Full name")], email: [email] });
}

/** Only the fields that differ from the saved profile. */
export function profileChanges(values: ProfileValues, user: UserPublic): UserUpdateMe {
  const changes: UserUpdateMe = {};
  const fullName = values.full_name.trim();
  const address = values.email.trim();
  if (fullName !== (user.full_name ?? "")) changes.full_name = fullName;
  if (address !== user.email) changes.email = address;
  return changes;
}

// The shared password rule says "Password ..."; here the field is "New password".
const newPassword: Check = (value) => password(value)?.replace(/^Password/, "New password") ?? null;

export function checkPassword(values: PasswordValues) {
  return validate(values, {
    current_password: [required("Current password")],
    new_password: [newPassword],
    confirm: [sameAs(() => values.new_password)],
  });
}
