// The API's error body (RFC 9457 problem JSON), for msw handlers in tests.
import { HttpResponse } from "msw";
import type { FieldError } from "@/lib/api";

export function problem(status: number, detail: string, errors?: FieldError[]) {
  return HttpResponse.json(
    { type: "about:blank", title: "Error", status, detail, ...(errors && { errors }) },
    { status },
  );
}
