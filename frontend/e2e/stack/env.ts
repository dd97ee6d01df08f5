// How the tests find the stack: global-setup.ts starts it in Playwright's
// runner, and the worker processes it then starts inherit these variables
// (Playwright's documented way to pass data from a global setup to tests;
// UI mode hands them on too).

export interface Credentials {
  email: string;
  password: string;
}

export interface Stack {
  /** The proxy, where the browser goes: https://localhost:<port>. */
  baseURL: string;
  /** Where the SMTP server stores each message it receives (<n>.json). */
  mailDir: string;
  superuser: Credentials;
}

const NAMES = {
  baseURL: "E2E_BASE_URL",
  mailDir: "E2E_MAIL_DIR",
  email: "E2E_SUPERUSER_EMAIL",
  password: "E2E_SUPERUSER_PASSWORD",
};

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run the tests with \`npx playwright test\` from frontend/`,
    );
  }
  return value;
}

/** Hands the stack to the worker processes started after this call. */
export function exportStack(stack: Stack): void {
  process.env[NAMES.baseURL] = stack.baseURL;
  process.env[NAMES.mailDir] = stack.mailDir;
  process.env[NAMES.email] = stack.superuser.email;
  process.env[NAMES.password] = stack.superuser.password;
}

/** The stack the global setup started. */
export function importStack(): Stack {
  return {
    baseURL: required(NAMES.baseURL),
    mailDir: required(NAMES.mailDir),
    superuser: { email: required(NAMES.email), password: required(NAMES.password) },
  };
}
