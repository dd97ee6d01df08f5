// The auth pages' fields, checked by the API's rules for signing up and for a
// new password (zod schemas generated from backend/openapi.json). Field names
// match the API's, so its 422 messages land on the same fields.
import * as z from "zod/mini";
import { zNewPassword, zUserRegister } from "@/lib/api/schemas";
import { email as emailField, lengthHint, matches, text } from "@/lib/form/rules";

// Logging in or asking for a reset link with an address that could not have
// signed up is refused here, before any request.
const email = emailField(zUserRegister.shape.email);

export const loginForm = z.object({
  email,
  password: text(z.string(), "Password", { trim: false, required: true }),
});

export const recoverForm = z.object({ email });

export const signupForm = z
  .object({
    full_name: text(zUserRegister.shape.full_name, "Full name"),
    email,
    password: text(zUserRegister.shape.password, "Password", { trim: false }),
    confirm: text(z.string(), "Confirm password", { trim: false, required: true }),
  })
  .check(matches("confirm", "password"));

// The pages an emailed link opens (a reset, or undoing an email change): the
// API's rule for a new password.
export const newPasswordForm = z
  .object({
    new_password: text(zNewPassword.shape.new_password, "Password", { trim: false }),
    confirm: text(z.string(), "Confirm password", { trim: false, required: true }),
  })
  .check(matches("confirm", "new_password"));

/** Under a new password field: "8 to 128 characters". */
export const passwordHint = lengthHint(zUserRegister.shape.password);
