import type { FormEvent } from "react";
import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { toast } from "@/components/toast";
import { serverErrors } from "@/lib/api/form-errors";
import type { UserPublic } from "@/lib/api/types";
import { useForm } from "@/lib/use-form";
import { useUpdateProfile } from "../api/update-profile";
import { checkProfile, profileChanges, profileValues } from "../lib/settings-rules";

export function ProfileForm({ user }: { user: UserPublic }) {
  const update = useUpdateProfile();
  const form = useForm(() => profileValues(user));
  const server = serverErrors(update.error, ["full_name", "email"] as const);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    update.reset();
    if (!form.passes(checkProfile(form.values))) return;
    const changes = profileChanges(form.values, user);
    if (!Object.keys(changes).length) {
      toast.info("There are no changes to save.");
      return;
    }
    update.mutate(changes, { onSuccess: (saved) => form.setValues(profileValues(saved)) });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormError message={server.form} />
      <TextField
        label="Full name"
        autoComplete="name"
        {...form.text("full_name", server.fields.full_name)}
      />
      <TextField
        label="Email"
        type="email"
        autoComplete="email"
        {...form.text("email", server.fields.email)}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={update.isPending}>
          Save profile
        </Button>
      </div>
    </form>
  );
}
