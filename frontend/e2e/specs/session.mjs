// A session that ends by itself (here: the password was reset elsewhere,
// which ends every session) sends the user to /login with a notice.
import { call, createUser, uniquePassword } from "../support/api.mjs";
import { stack } from "../support/env.mjs";
import { waitForResetLink } from "../support/mail.mjs";
import { e2e } from "../support/test.mjs";
import { expectHeading, expectPath, expectVisible, login, navigate } from "../support/ui.mjs";

e2e(
  "session: ended elsewhere, the next request lands on /login with a notice",
  async ({ page }) => {
    const user = await createUser({ tag: "session" });
    await login(page, user);
    await expectPath(page, "/");
    // Token times are whole seconds: the reset must come in a later second
    // than the browser's login to end its session.
    await new Promise((resolve) => setTimeout(resolve, 1100));

    await call("POST", `/password-recovery/${encodeURIComponent(user.email)}`);
    const link = await waitForResetLink(user.email, stack.baseURL);
    const token = new URL(link).searchParams.get("token");
    await call("POST", "/reset-password", { json: { token, new_password: uniquePassword() } });

    await navigate(page, "Items");
    await expectPath(page, "/login");
    await expectHeading(page, "Log in");
    await expectVisible(
      page.getByRole("status").filter({ hasText: "Your session has ended. Please log in again." }),
      'the notice "Your session has ended. Please log in again."',
    );
  },
);
