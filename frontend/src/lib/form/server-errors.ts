// Where a failed request's messages go on a react-hook-form form: the API's
// per-field messages (422) next to the fields they name (the forms name their
// fields as the API does), anything else as one alert over the form.
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { errorMessage, fieldErrors } from "@/lib/api/errors";

/** The form's alert: `<FormError message={formAlert(form)} />`. */
export function formAlert<V extends FieldValues>(form: UseFormReturn<V, unknown, unknown>) {
  return form.formState.errors.root?.server?.message;
}

/** Use as a mutation's `onError`. The next submit clears what it shows. */
export function showServerErrors<V extends FieldValues>(
  form: UseFormReturn<V, unknown, unknown>,
  error: unknown,
) {
  const fields = Object.keys(form.getValues());
  let unplaced = false;
  let placed = false;
  for (const [field, message] of Object.entries(fieldErrors(error))) {
    if (fields.includes(field)) {
      form.setError(field as Path<V>, { type: "server", message });
      placed = true;
    } else {
      unplaced = true;
    }
  }
  // A 422's detail repeats its field messages: shown only when one has no field here.
  if (!placed || unplaced)
    form.setError("root.server", { type: "server", message: errorMessage(error) });
}
