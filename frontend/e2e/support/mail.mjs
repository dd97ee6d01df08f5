// The emails the worker really sent, as the SMTP server of the harness
// (backend/tests/smtp_server.py) stored them: <n>.json in E2E_MAIL_DIR, each
// {"mail_from", "rcpt_tos", "data": "<raw RFC 5322 message>"}.

import fs from "node:fs";
import path from "node:path";
import { stack } from "./env.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function readMessages() {
  return fs
    .readdirSync(stack.mailDir)
    .filter((name) => /^\d+\.json$/.test(name))
    .map((name) => JSON.parse(fs.readFileSync(path.join(stack.mailDir, name), "utf8")));
}

/** Every message received so far for `address` (case-insensitive). */
export function emailsTo(address) {
  const wanted = address.toLowerCase();
  return readMessages().filter((message) =>
    message.rcpt_tos.some((to) => to.toLowerCase() === wanted),
  );
}

/** Waits for the first message to `address` (case-insensitive); returns it. */
export async function waitForEmail(address, { timeoutMs = 30_000, matching = () => true } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = emailsTo(address).find(matching);
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`no email to ${address} within ${timeoutMs} ms (${stack.mailDir})`);
    }
    await sleep(250);
  }
}

/** Quoted-printable: "=\r\n" is a soft line break, "=XX" a byte (=3D is "="). */
export function decodeQuotedPrintable(text) {
  const bytes = [];
  const joined = text.replace(/=\r?\n/g, "");
  for (let i = 0; i < joined.length; i += 1) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function splitHeaders(raw) {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? "" : raw.slice(at).replace(/^\r?\n\r?\n/, "");
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeBody(headers, body) {
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  if (encoding === "base64")
    return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
}

/** The decoded text of every leaf part: [{ type, text }] (multipart walked). */
export function mimeParts(raw) {
  const { headers, body } = splitHeaders(raw);
  const type = headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const marker = `--${boundary}`;
    return body
      .split(marker)
      .slice(1)
      .filter((part) => !part.startsWith("--"))
      .flatMap((part) => mimeParts(part.replace(/^\r?\n/, "")));
  }
  return [{ type: type.split(";")[0].toLowerCase(), text: decodeBody(headers, body) }];
}

/** The reset link of a password-recovery email (from its plain-text part first). */
export function resetLink(message, origin) {
  const link = findLink(message, origin, "/reset-password");
  if (!link) throw new Error(`no ${origin}/reset-password?token=... link in:\n${message.data}`);
  return link;
}

/**
 * Waits for the password-recovery email to `address` (the only one a
 * sign-up leads to; accounts a superuser makes also get a welcome email,
 * without a link) and returns its reset link.
 */
export async function waitForResetLink(address, origin, options) {
  return waitForLink(address, origin, "/reset-password", options);
}

/**
 * Waits for the email to `address` that links to the SPA page `page`
 * (`/reset-password`, `/revert-email`) with a token; returns the link.
 */
export async function waitForLink(address, origin, page, { timeoutMs = 30_000 } = {}) {
  const message = await waitForEmail(address, {
    timeoutMs,
    matching: (candidate) => findLink(candidate, origin, page) !== null,
  });
  return findLink(message, origin, page);
}

function findLink(message, origin, page) {
  const parts = mimeParts(message.data).sort(
    (a, b) => Number(b.type === "text/plain") - Number(a.type === "text/plain"),
  );
  const escaped = `${origin}${page}`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`${escaped}\\?token=[A-Za-z0-9._~%+*-]+`);
  for (const part of parts) {
    const match = pattern.exec(part.text);
    if (match) return match[0];
  }
  return null;
}
