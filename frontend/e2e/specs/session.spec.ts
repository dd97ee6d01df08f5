// A session that ends by itself (here: the password was reset elsewhere,
// which ends every session) sends the user to /login with a notice.
import { uniquePassword } from "../fixtures/api";
import { expect, test } from "../fixtures/test";
import { atPath, heading, login, navigate, toast } from "../fixtures/ui";

test("session: ended elsewhere, the next request lands on /login with a notice", async ({
  page,
  api,
  mail,
}) => {
  const user = await api.createUser({ tag: "session" });
  await login(page, user);
  await expect(page).toHaveURL(atPath("/"));
  // Token times are whole seconds: the reset must come in a later second
  // than the browser's login to end its session.
  await new Promise((resolve) => setTimeout(resolve, 1100));

  await api.call("POST", `/password-recovery/${encodeURIComponent(user.email)}`);
  const link = await mail.resetLink(user.email);
  const token = new URL(link).searchParams.get("token");
  await api.call("POST", "/reset-password", { json: { token, new_password: uniquePassword() } });

  await navigate(page, "Items");
  await expect(page).toHaveURL(atPath("/login"));
  await expect(heading(page, "Log in")).toBeVisible();
  await expect(toast(page, "Your session has ended. Please log in again.")).toBeVisible();
});
