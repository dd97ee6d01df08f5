// What the harness (run.mjs) tells each spec process about the running stack.

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the specs through the harness (npm run e2e)`);
  }
  return value;
}

export const stack = {
  get baseURL() {
    return required("E2E_BASE_URL");
  },
  get mailDir() {
    return required("E2E_MAIL_DIR");
  },
  get superuser() {
    return {
      email: required("E2E_SUPERUSER_EMAIL"),
      password: required("E2E_SUPERUSER_PASSWORD"),
    };
  },
};

/** Hands the stack to spec processes started after this call. */
export function exportStack(running) {
  process.env.E2E_BASE_URL = running.baseURL;
  process.env.E2E_MAIL_DIR = running.mailDir;
  process.env.E2E_SUPERUSER_EMAIL = running.superuser.email;
  process.env.E2E_SUPERUSER_PASSWORD = running.superuser.password;
}
