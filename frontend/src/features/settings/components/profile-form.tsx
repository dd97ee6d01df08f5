import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { toast } from "@/components/toast";
import type { UserPublic } from "@/lib/api";
import { formAlert, showServerErrors } from "@/lib/form/server-errors";
import { useSchemaForm } from "@/lib/form/use-schema-form";
import { useUpdateProfile } from "../api/update-profile";
import { profileChanges, profileForm, profileValues } from "../lib/settings-forms";

export function ProfileForm({ user }: { user: UserPublic }) {
  const update = useUpdateProfile();
  const form = useSchemaForm(profileForm, profileValues(user));
  const { errors } = form.formState;

  const save = form.handleSubmit((values) => {
    const changes = profileChanges(values, user);
    if (!Object.keys(changes).length) {
      toast.info("There are no changes to save.");
      return;
    }
    update.mutate(
      { body: changes },
      {
        onSuccess: (saved) => form.reset(profileValues(saved)),
        onError: (error) => showServerErrors(form, error),
      },
    );
  });

  return (
    <form onSubmit={save} noValidate>
      <FormError message={formAlert(form)} />
      <TextField
        label="Full name"
        autoComplete="name"
        error={errors.full_name?.message}
        {...form.register("full_name")}
      />
      <TextField
        label="Email"
        type="email"
        autoComplete="email"
        error={errors.email?.message}
        {...form.register("email")}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={update.isPending}>
          Save profile
        </Button>
      </div>
    </form>
  );
}
