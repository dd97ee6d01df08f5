// Every failed API call rejects with an ApiError: the API's own error body
// (RFC 9457 problem JSON, with one message per field on a 422), or one made up
// in the same shape when the answer had none (a proxy's HTML page, no answer at
// all). So it is what the generated types say an operation's error is.
import type { ErrorBody, FieldError } from "./generated";

export class ApiError extends Error implements ErrorBody {
  readonly type: string;
  readonly title: string;
  /** The HTTP status; 0 when no answer arrived (as fetch's `Response.error()`). */
  readonly status: number;
  /** A sentence for the user: the API's own, or one fitting the status. */
  readonly detail: string;
  readonly errors?: FieldError[];

  constructor(status: number, body?: unknown, options?: ErrorOptions) {
    const problem = isObject(body) ? body : {};
    const detail = typeof problem.detail === "string" && problem.detail ? problem.detail : null;
    super(detail ?? wordsFor(status), options);
    this.name = "ApiError";
    this.type = typeof problem.type === "string" ? problem.type : "about:blank";
    this.title = typeof problem.title === "string" ? problem.title : "Error";
    this.status = status;
    this.detail = this.message;
    const errors = Array.isArray(problem.errors) ? problem.errors.filter(isFieldError) : [];
    if (errors.length) this.errors = errors;
  }
}

const SOMETHING_WENT_WRONG = "Something went wrong. Please try again.";

function wordsFor(status: number): string {
  if (status === 0) return "Cannot reach the server. Check your connection and try again.";
  if (status === 429) return "Too many requests: wait a moment and try again.";
  if (status >= 500) return "The server could not complete the request. Try again shortly.";
  return SOMETHING_WENT_WRONG;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isFieldError(entry: unknown): entry is FieldError {
  return isObject(entry) && typeof entry.field === "string" && typeof entry.message === "string";
}

/** The HTTP status of a failed call; undefined when no answer arrived, or for other errors. */
export function errorStatus(error: unknown): number | undefined {
  return error instanceof ApiError && error.status ? error.status : undefined;
}

/** Words for the user about any failure. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.detail : SOMETHING_WENT_WRONG;
}

/** The API's per-field messages (422), keyed by field name: the first one of each field. */
export function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!(error instanceof ApiError)) return result;
  for (const { field, message } of error.errors ?? []) result[field] ??= message;
  return result;
}
