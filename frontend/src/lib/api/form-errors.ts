// Where a server error goes on a form: the API's per-field messages (422)
// next to the fields they name, anything else as one alert over the form.
import { errorMessage, fieldErrors } from "./errors";

export type ServerErrors<F extends string> = {
  fields: Partial<Record<F, string>>;
  form: string | null;
};

/**
 * `fields`: the form's fields, named as the API names them, or a map from the
 * API's names (e.g. `full_name`) to the form's.
 */
export function serverErrors<F extends string>(
  error: unknown,
  fields: readonly F[] | Record<string, F>,
): ServerErrors<F> {
  const fieldNames: Record<string, F> = Array.isArray(fields)
    ? Object.fromEntries(fields.map((field) => [field, field]))
    : (fields as Record<string, F>);
  if (!error) return { fields: {}, form: null };
  const placed: Partial<Record<F, string>> = {};
  let unplaced = false;
  for (const [apiField, message] of Object.entries(fieldErrors(error))) {
    if (Object.hasOwn(fieldNames, apiField)) placed[fieldNames[apiField] as F] = message;
    else unplaced = true;
  }
  // A 422's detail repeats its field messages: shown only when one has no field here.
  const placedAll = Object.keys(placed).length > 0 && !unplaced;
  return { fields: placed, form: placedAll ? null : errorMessage(error) };
}
