// The user dialog's values and checks: the API's rules. Field names match the
// API's, so its 422 messages land on the same fields.
import type { UserCreate, UserPublic, UserUpdate } from "@/lib/api/types";
import { email, maxLength, password, type Check, validate } from "@/lib/validation";

export type UserValues = {
  email: string;
  full_name: string;
  password: string;
  is_active: boolean;
  is_superuser: boolean;
};

type UserTextFields = "email" | "full_name" | "password";

export function initialValues(user?: UserPublic): UserValues {
  return {
    email: user?.email ?? "",
    full_name: user?.full_name ?? "",
    password: "",
    is_active: user?.is_active ?? true,
    is_superuser: user?.is_superuser ?? false,
  };
}

// On edit the field is "New password" and may stay empty (keep the current one).
const newPassword: Check = (value) =>
  value ? (password(value)?.replace(/^Password/, "New password") ?? null) : null;

export function checkUser(values: UserValues, editing: boolean) {
  return validate<UserTextFields>(values, {
    email: [email],
    full_name: [maxLength("Full name")],
    password: [editing ? newPassword : password],
  });
}

export function toUserCreate(values: UserValues): UserCreate {
  return {
    email: values.email.trim(),
    full_name: values.full_name.trim() || null,
    password: values.password,
    is_active: values.is_active,
    is_superuser: values.is_superuser,
  };
}

/** Only what differs from `user`; the password only when one was typed. */
export function toUserChanges(values: UserValues, user: UserPublic): UserUpdate {
  const changes: UserUpdate = {};
  const address = values.email.trim();
  const fullName = values.full_name.trim();
  if (address !== user.email) changes.email = address;
  if (fullName !== (user.full_name ?? "")) changes.full_name = fullName;
  if (values.password) changes.password = values.password;
  if (values.is_active !== user.is_active) changes.is_active = values.is_active;
  if (values.is_superuser !== user.is_superuser) changes.is_superuser = values.is_superuser;
  return changes;
}
