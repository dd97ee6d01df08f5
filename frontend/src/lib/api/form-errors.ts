// Where a server error goes on a form: the API's per-field messages (422)
// next to the fields they name, anything else as one alert over the form.
import { errorMessage, fieldErrors } from "./errors";

export type ServerErrors<F extends string> = {
  fields: Partial<Record<F, string>>;
  form: string | null;
};

/** `fields`: the form's fields, which are named as the API names them. */
export function serverErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
): ServerErrors<F> {
  if (!error) return { fields: {}, form: null };
  const placed: Partial<Record<F, string>> = {};
  let unplaced = false;
  for (const [field, message] of Object.entries(fieldErrors(error))) {
    if ((fields as readonly string[]).includes(field)) placed[field as F] = message;
    else unplaced = true;
  }
  // A 422's detail repeats its field messages: shown only when one has no field here.
  const placedAll = Object.keys(placed).length > 0 && !unplaced;
  return { fields: placed, form: placedAll ? null : errorMessage(error) };
}
