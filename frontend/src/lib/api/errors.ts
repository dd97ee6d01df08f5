// Turns any failure into words for the user. The API answers every error with
// a readable `detail` (and, for 422, one message per field); nginx's own
// errors (429, 413, 502-504) use the same shape.
import { AxiosError } from "axios";
import type { ErrorBody } from "./types";

function body(error: unknown): Partial<ErrorBody> | undefined {
  if (
    error instanceof AxiosError &&
    error.response?.data &&
    typeof error.response.data === "object"
  ) {
    return error.response.data as Partial<ErrorBody>;
  }
  return undefined;
}

export function errorStatus(error: unknown): number | undefined {
  return error instanceof AxiosError ? error.response?.status : undefined;
}

export function errorMessage(error: unknown): string {
  const detail = body(error)?.detail;
  if (typeof detail === "string" && detail) return detail;
  if (error instanceof AxiosError) {
    if (!error.response) return "Cannot reach the server. Check your connection and try again.";
    if (error.response.status === 429) return "Too many requests: wait a moment and try again.";
    if (error.response.status >= 500)
      return "The server could not complete the request. Try again shortly.";
  }
  return "Something went wrong. Please try again.";
}

/** The API's per-field messages (422), keyed by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  const errors = body(error)?.errors;
  const result: Record<string, string> = {};
  for (const entry of Array.isArray(errors) ? errors : []) {
    if (entry && typeof entry.field === "string" && typeof entry.message === "string") {
      result[entry.field] ??= entry.message;
    }
  }
  return result;
}
