import { useState, type FormEvent } from "react";
import { Button } from "@/components/button";
import { FormError, TextField } from "@/components/field";
import { toast } from "@/components/toast";
import { serverErrors } from "@/lib/api/form-errors";
import type { UserPublic } from "@/lib/api/types";
import { useUpdateProfile } from "../api/update-profile";
import {
  checkProfile,
  profileChanges,
  profileValues,
  type ProfileValues,
} from "../lib/settings-rules";

type Fields = keyof ProfileValues;

export function ProfileForm({ user }: { user: UserPublic }) {
  const update = useUpdateProfile();
  const [values, setValues] = useState(() => profileValues(user));
  const [errors, setErrors] = useState<Partial<Record<Fields, string>>>({});
  const server = serverErrors(update.error, ["full_name", "email"] as const);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    update.reset();
    const found = checkProfile(values);
    setErrors(found);
    if (Object.keys(found).length) return;
    const changes = profileChanges(values, user);
    if (!Object.keys(changes).length) {
      toast.info("There are no changes to save.");
      return;
    }
    update.mutate(changes, { onSuccess: (saved) => setValues(profileValues(saved)) });
  }

  const set = (field: Fields) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormError message={server.form} />
      <TextField
        label="Full name"
        autoComplete="name"
        value={values.full_name}
        onChange={set("full_name")}
        error={errors.full_name ?? server.fields.full_name}
      />
      <TextField
        label="Email"
        type="email"
        autoComplete="email"
        value={values.email}
        onChange={set("email")}
        error={errors.email ?? server.fields.email}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={update.isPending}>
          Save profile
        </Button>
      </div>
    </form>
  );
}
