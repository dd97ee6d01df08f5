// The settings forms' fields, checked by the API's rules for a profile change
// and a password change (zod schemas generated from backend/openapi.json).
// Field names match the API's, so its 422 messages land on the same fields.
import * as z from "zod/mini";
import type { UserPublic, UserUpdateMe } from "@/lib/api";
import { zUpdatePassword, zUserUpdateMe } from "@/lib/api/schemas";
import { email, matches, text } from "@/lib/form/rules";

export const profileForm = z.object({
  full_name: text(zUserUpdateMe.shape.full_name, "Full name"),
  email: email(zUserUpdateMe.shape.email),
});

export type ProfileValues = z.output<typeof profileForm>;

export function profileValues(user: UserPublic): ProfileValues {
  return { full_name: user.full_name ?? "", email: user.email };
}

/** Only the fields that differ from the saved profile. */
export function profileChanges(values: ProfileValues, user: UserPublic): UserUpdateMe {
  const changes: UserUpdateMe = {};
  if (values.full_name !== (user.full_name ?? "")) changes.full_name = values.full_name;
  if (values.email !== user.email) changes.email = values.email;
  return changes;
}

export const passwordForm = z
  .object({
    // Any non-empty text: a password set under older length rules still counts.
    current_password: text(zUpdatePassword.shape.current_password, "Current password", {
      trim: false,
      required: true,
    }),
    new_password: text(zUpdatePassword.shape.new_password, "New password", { trim: false }),
    confirm: z.string(),
  })
  .check(matches("confirm", "new_password"));

export const emptyPassword = { current_password: "", new_password: "", confirm: "" };
