// The user dialog's fields, checked by the API's rules for a new user (or, on
// edit, for changes to one), from the zod schemas generated from
// backend/openapi.json. Field names match the API's, so its 422 messages land
// on the same fields.
import * as z from "zod/mini";
import type { UserCreate, UserPublic, UserUpdate } from "@/lib/api";
import { zUserCreate, zUserUpdate } from "@/lib/api/schemas";
import { email, text } from "@/lib/form/rules";

export const newUserForm = z.object({
  email: email(zUserCreate.shape.email),
  full_name: text(zUserCreate.shape.full_name, "Full name"),
  password: text(zUserCreate.shape.password, "Password", { trim: false }),
  is_active: z.boolean(),
  is_superuser: z.boolean(),
});

export const userChangesForm = z.object({
  email: email(zUserUpdate.shape.email),
  full_name: text(zUserUpdate.shape.full_name, "Full name"),
  // "New password", which may stay empty: the current one is kept.
  password: text(zUserUpdate.shape.password, "New password", { trim: false, required: false }),
  is_active: z.boolean(),
  is_superuser: z.boolean(),
});

export type UserValues = z.output<typeof newUserForm>;

export function initialValues(user?: UserPublic): UserValues {
  return {
    email: user?.email ?? "",
    full_name: user?.full_name ?? "",
    password: "",
    is_active: user?.is_active ?? true,
    is_superuser: user?.is_superuser ?? false,
  };
}

export function toUserCreate(values: UserValues): UserCreate {
  return { ...values, full_name: values.full_name || null };
}

/** Only what differs from `user`; the password only when one was typed. */
export function toUserChanges(values: UserValues, user: UserPublic): UserUpdate {
  const changes: UserUpdate = {};
  if (values.email !== user.email) changes.email = values.email;
  if (values.full_name !== (user.full_name ?? "")) changes.full_name = values.full_name;
  if (values.password) changes.password = values.password;
  if (values.is_active !== user.is_active) changes.is_active = values.is_active;
  if (values.is_superuser !== user.is_superuser) changes.is_superuser = values.is_superuser;
  return changes;
}
