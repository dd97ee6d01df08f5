// Typed calls: the path, the body and the answer all come from the generated
// schema, so an API change that breaks the SPA fails `tsc`.
import type { paths } from "./schema";
import { api } from "./client";

type Method = "get" | "post" | "put" | "patch" | "delete";
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<T> = T extends { content: { "application/json": infer J } } ? J : never;
type Responses<O> = O extends { responses: infer R } ? R : never;

/** The JSON body of the operation's success answer (200 or 201). */
export type Ok<P extends keyof paths, M extends Method> =
  Responses<Operation<P, M>> extends infer R
    ? R extends { 200: infer S }
      ? JsonOf<S>
      : R extends { 201: infer S }
        ? JsonOf<S>
        : never
    : never;

/** The operation's JSON request body. */
export type Body<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

type Options<P extends keyof paths, M extends Method> = {
  /** Values for `{name}` segments of the path; each is URL-encoded. */
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: Body<P, M>;
};

function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}

export async function request<P extends keyof paths, M extends Method>(
  method: M,
  path: P,
  options: Options<P, M> = {},
): Promise<Ok<P, M>> {
  const response = await api.request<Ok<P, M>>({
    method,
    url: fillPath(path, options.params),
    params: options.query,
    data: options.body,
  });
  return response.data;
}
