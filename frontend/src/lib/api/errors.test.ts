import { ApiError, errorMessage, errorStatus, fieldErrors } from "./errors";

/** A failed call as the client reports it: an answer's status and body, or none (network failure). */
function apiError(status?: number, body?: unknown): ApiError {
  return new ApiError(status ?? 0, body);
}

const body = (status: number, detail: string, errors?: unknown) => ({
  type: "about:blank",
  title: "Error",
  status,
  detail,
  errors,
});

describe("errorMessage", () => {
  test("shows the API's detail verbatim", () => {
    expect(errorMessage(apiError(400, body(400, "Incorrect email or password")))).toBe(
      "Incorrect email or password",
    );
  });

  test("prefers the detail over the status's generic words", () => {
    const limited = apiError(429, body(429, "Too many attempts; try again in 5 seconds"));
    expect(errorMessage(limited)).toBe("Too many attempts; try again in 5 seconds");
  });

  test("explains a failure to reach the server", () => {
    expect(errorMessage(apiError())).toBe(
      "Cannot reach the server. Check your connection and try again.",
    );
  });

  test("explains a 429 without a detail", () => {
    expect(errorMessage(apiError(429, ""))).toBe("Too many requests: wait a moment and try again.");
  });

  test.each([500, 502, 503, 504])(
    "explains a %i without a detail (e.g. a proxy's HTML)",
    (status) => {
      expect(errorMessage(apiError(status, "<html>Bad Gateway</html>"))).toBe(
        "The server could not complete the request. Try again shortly.",
      );
    },
  );

  test("falls back to a generic sentence", () => {
    expect(errorMessage(apiError(404, { detail: "" }))).toBe(
      "Something went wrong. Please try again.",
    );
    expect(errorMessage(apiError(400, { detail: 42 }))).toBe(
      "Something went wrong. Please try again.",
    );
    expect(errorMessage(new Error("boom"))).toBe("Something went wrong. Please try again.");
    expect(errorMessage(undefined)).toBe("Something went wrong. Please try again.");
  });
});

describe("errorStatus", () => {
  test("is the response's status, if any", () => {
    expect(errorStatus(apiError(401, body(401, "x")))).toBe(401);
    expect(errorStatus(apiError())).toBeUndefined();
    expect(errorStatus(new Error("boom"))).toBeUndefined();
  });
});

describe("fieldErrors", () => {
  test("maps each field to its first message", () => {
    const error = apiError(
      422,
      body(422, "email: bad; password: short; email: taken", [
        { field: "email", message: "value is not a valid email address" },
        { field: "password", message: "must be at least 8 characters" },
        { field: "email", message: "second message is ignored" },
      ]),
    );
    expect(fieldErrors(error)).toEqual({
      email: "value is not a valid email address",
      password: "must be at least 8 characters",
    });
  });

  test("skips malformed entries", () => {
    const error = apiError(
      422,
      body(422, "x", [null, { field: 1, message: "m" }, { field: "title" }, "text"]),
    );
    expect(fieldErrors(error)).toEqual({});
  });

  test("is empty for errors without a field list", () => {
    expect(fieldErrors(apiError(400, body(400, "Bad")))).toEqual({});
    expect(fieldErrors(apiError(422, body(422, "Bad", "not a list")))).toEqual({});
    expect(fieldErrors(apiError())).toEqual({});
    expect(fieldErrors(new Error("boom"))).toEqual({});
  });
});
