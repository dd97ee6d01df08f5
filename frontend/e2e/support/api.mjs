// Test data through the API, via the proxy (https://localhost:<port>/api/v1),
// so each test starts from users and items of its own. Playwright's request
// context does the HTTP (it accepts the self-signed certificate).

import { randomBytes } from "node:crypto";
import { request } from "playwright-core";
import { stack } from "./env.mjs";

let contextPromise = null;

function api() {
  contextPromise ??= request.newContext({ baseURL: stack.baseURL, ignoreHTTPSErrors: true });
  return contextPromise;
}

export async function disposeApi() {
  if (contextPromise) {
    const context = await contextPromise;
    contextPromise = null;
    await context.dispose();
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One API call; returns the parsed JSON body. Retries a 429 (the proxy's
 * general zone is shared by everything on 127.0.0.1) and throws on any
 * other error status, with the API's detail.
 */
export async function call(method, url, { token, json, form, expect = [200, 201] } = {}) {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  for (let attempt = 0; ; attempt += 1) {
    const response = await (
      await api()
    ).fetch(`/api/v1${url}`, { method, headers, data: json, form, failOnStatusCode: false });
    if (response.status() === 429 && attempt < 10) {
      await sleep(1000);
      continue;
    }
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!expect.includes(response.status())) {
      throw new Error(`${method} /api/v1${url}: ${response.status()} ${text}`);
    }
    return body;
  }
}

/** A unique, valid address: every test has users of its own. */
export function uniqueEmail(tag = "user") {
  return `${tag}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}@example.com`;
}

export function uniquePassword() {
  return `Pw-${randomBytes(8).toString("hex")}`;
}

/** Signs up a new user (POST /users/signup); returns { id, email, password, fullName }. */
export async function createUser({ tag = "user", fullName, email, password } = {}) {
  const user = {
    email: email ?? uniqueEmail(tag),
    password: password ?? uniquePassword(),
    fullName: fullName ?? `E2E ${tag}`,
  };
  const created = await call("POST", "/users/signup", {
    json: { email: user.email, password: user.password, full_name: user.fullName },
  });
  return { ...user, id: created.id };
}

/** An access token for `email` (POST /login/access-token). */
export async function accessToken({ email, password }) {
  const body = await call("POST", "/login/access-token", {
    form: { username: email, password },
  });
  return body.access_token;
}

export async function createItem(token, { title, description = null }) {
  return call("POST", "/items", { token, json: { title, description } });
}

export function superuserToken() {
  return accessToken(stack.superuser);
}
