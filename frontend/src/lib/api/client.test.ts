// The refresh-and-retry of the API client, against msw: a 401 renews the
// session once (refresh tokens are single use) and retries the request.
import { delay, http, HttpResponse } from "msw";
import { sessionStore } from "@/lib/auth/session-store";
import { problem } from "@/test/problem";
import { server } from "@/test/server";
import { fetchWithTimeout, REFRESH_PATH } from "./client";
import { ApiError, errorMessage } from "./errors";
import { createItem, readUserMe } from "./generated";

const ME = "/api/v1/users/me";
const renewed = { access_token: "new", refresh_token: "r2", token_type: "bearer", expires_in: 1 };

/** Records what each endpoint received; /users/me accepts only `acceptedToken`. */
function mockApi({ acceptedToken = "new", refresh = () => HttpResponse.json(renewed) } = {}) {
  const seen = { me: [] as (string | null)[], refreshBodies: [] as unknown[] };
  server.use(
    http.get(ME, ({ request }) => {
      const auth = request.headers.get("Authorization");
      seen.me.push(auth);
      return auth === `Bearer ${acceptedToken}`
        ? HttpResponse.json({ email: "ann@example.com" })
        : problem(401, "Could not validate credentials");
    }),
    http.post(REFRESH_PATH, async ({ request }) => {
      seen.refreshBodies.push(await request.json());
      // Slow enough that concurrent 401s arrive while it is in flight.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return refresh();
    }),
  );
  return seen;
}

/** GET /users/me through the generated SDK function, as the app's queries make it. */
const getMe = () => readUserMe({ throwOnError: true });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => new Error("expected the request to fail"),
    (reason: unknown) => reason,
  );
  if (!(error instanceof ApiError)) throw error;
  return error;
}

beforeEach(() => sessionStore.set({ accessToken: "old", refreshToken: "r1" }));
afterEach(() => {
  sessionStore.clear();
  sessionStore.takeEndReason();
});

test("a 401 refreshes once, stores the new tokens and retries with the new access token", async () => {
  const seen = mockApi();
  const { data } = await getMe();
  expect(data).toEqual({ email: "ann@example.com" });
  expect(seen.refreshBodies).toEqual([{ refresh_token: "r1" }]);
  expect(seen.me).toEqual(["Bearer old", "Bearer new"]);
  expect(sessionStore.get()).toEqual({ accessToken: "new", refreshToken: "r2" });
  expect(localStorage.getItem("app.session")).toContain("r2");
});

test("concurrent 401s share one refresh", async () => {
  const seen = mockApi();
  const answers = await Promise.all([getMe(), getMe(), getMe()]);
  expect(answers.map((answer) => answer.response.status)).toEqual([200, 200, 200]);
  expect(seen.refreshBodies).toHaveLength(1);
  expect(seen.me.filter((auth) => auth === "Bearer new")).toHaveLength(3);
});

test("a refused refresh ends the session as expired and the original error propagates", async () => {
  const seen = mockApi({ refresh: () => problem(401, "Invalid refresh token") });
  const error = await failure(getMe());
  expect(error.status).toBe(401);
  expect(errorMessage(error)).toBe("Could not validate credentials");
  expect(seen.me).toEqual(["Bearer old"]);
  expect(sessionStore.get()).toBeNull();
  expect(localStorage.getItem("app.session")).toBeNull();
  expect(sessionStore.takeEndReason()).toBe("expired");
});

test("an inactive user (refresh 403) ends the session too", async () => {
  mockApi({ refresh: () => problem(403, "Inactive user") });
  await failure(getMe());
  expect(sessionStore.get()).toBeNull();
  expect(sessionStore.takeEndReason()).toBe("expired");
});

test("a request refused again after the retry is not retried a second time", async () => {
  const seen = mockApi({ acceptedToken: "none" });
  const error = await failure(getMe());
  expect(error.status).toBe(401);
  expect(seen.me).toEqual(["Bearer old", "Bearer new"]);
  expect(seen.refreshBodies).toHaveLength(1);
  // The renewed session stays: only the refresh endpoint decides it has ended.
  expect(sessionStore.get()).toEqual({ accessToken: "new", refreshToken: "r2" });
});

test("requests without a session are not refreshed", async () => {
  sessionStore.clear();
  const seen = mockApi();
  const error = await failure(getMe());
  expect(error.status).toBe(401);
  expect(seen.me).toEqual([null]);
  expect(seen.refreshBodies).toHaveLength(0);
  expect(sessionStore.takeEndReason()).toBeNull();
});

test("a refresh that fails for another reason keeps the session", async () => {
  mockApi({ refresh: () => problem(503, "The service is busy, try again shortly") });
  const error = await failure(getMe());
  expect(error.status).toBe(503);
  expect(sessionStore.get()).toEqual({ accessToken: "old", refreshToken: "r1" });
  expect(sessionStore.takeEndReason()).toBeNull();
});

test("a session renewed by another tab is used without a refresh", async () => {
  const seen = mockApi();
  // Another tab refreshed: storage holds the new tokens, this tab's memory the old ones.
  localStorage.setItem("app.session", JSON.stringify({ accessToken: "new", refreshToken: "r2" }));
  const { response } = await getMe();
  expect(response.status).toBe(200);
  expect(seen.refreshBodies).toHaveLength(0);
  expect(seen.me).toEqual(["Bearer old", "Bearer new"]);
});

test("a request with a body is sent again, body and all, with the new access token", async () => {
  const seen: { auth: string | null; body: unknown }[] = [];
  mockApi();
  server.use(
    http.post("/api/v1/items", async ({ request }) => {
      const auth = request.headers.get("Authorization");
      seen.push({ auth, body: await request.json() });
      return auth === "Bearer new"
        ? HttpResponse.json({ title: "Milk" }, { status: 201 })
        : problem(401, "Could not validate credentials");
    }),
  );
  const { data } = await createItem({ body: { title: "Milk" }, throwOnError: true });
  expect(data).toEqual({ title: "Milk" });
  expect(seen).toEqual([
    { auth: "Bearer old", body: { title: "Milk" } },
    { auth: "Bearer new", body: { title: "Milk" } },
  ]);
});

test("a failure rejects with an ApiError, also without an answer", async () => {
  server.use(http.get(ME, () => HttpResponse.error()));
  const error = await failure(getMe());
  expect(error.status).toBe(0);
  expect(errorMessage(error)).toBe("Cannot reach the server. Check your connection and try again.");
});

test("a request the API does not answer in time fails as unreachable", async () => {
  server.use(http.get(ME, () => delay("infinite")));
  const error = await failure(readUserMe({ throwOnError: true, fetch: fetchWithTimeout(50) }));
  expect(error.status).toBe(0);
  expect(errorMessage(error)).toBe("Cannot reach the server. Check your connection and try again.");
});
