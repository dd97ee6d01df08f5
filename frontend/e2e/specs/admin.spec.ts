// /admin as the superuser: add, edit (name, inactive) and delete a user; and
// what a normal user sees there.
import type { Locator, Page } from "@playwright/test";
import { uniqueEmail, uniquePassword } from "../fixtures/api";
import { expect, test } from "../fixtures/test";
import { alert, button, dialog, field, heading, link, login, mainNav, toast } from "../fixtures/ui";
import type { Credentials } from "../stack/env";

const row = (page: Page, email: string) => page.getByRole("row").filter({ hasText: email });
const pageStatus = (page: Page) => page.getByText(/^Page \d+ of \d+$/);

/** The row's Full name, Role and Status cells read these. */
async function expectCells(managed: Locator, [fullName, role, status]: [string, string, string]) {
  const cells = managed.getByRole("cell");
  await expect(cells.nth(1), "Full name").toHaveText(fullName);
  await expect(cells.nth(2), "Role").toHaveText(role);
  await expect(cells.nth(3), "Status").toHaveText(status);
}

async function openAdmin(page: Page, superuser: Credentials) {
  await login(page, superuser);
  await page.goto("/admin");
  await expect(heading(page, "Users")).toBeVisible();
}

/** The user's row, paging forward with "Next" until it shows (the API picks the order). */
async function findRow(page: Page, email: string): Promise<Locator> {
  for (let pageNo = 1; pageNo <= 50; pageNo += 1) {
    await expect(page.getByRole("row").nth(1), "the users table").toBeVisible();
    if (await row(page, email).count()) return row(page, email);
    const next = button(page, "Next");
    if (!(await next.count()) || (await next.isDisabled())) break;
    const before = await pageStatus(page).innerText();
    await next.click();
    await expect(pageStatus(page), `"Next" leaves ${before}`).not.toHaveText(before);
  }
  throw new Error(`no row for ${email} on any page of /admin`);
}

test("admin: add a user, edit their name and make them inactive, delete them", async ({
  page,
  api,
  stack,
}) => {
  const email = uniqueEmail("managed");
  const password = uniquePassword();
  await openAdmin(page, stack.superuser);

  await button(page, "Add user").click();
  const add = dialog(page, "Add user");
  await expect(add).toBeVisible();
  await expect(field(add, "Active"), '"Active" starts checked').toBeChecked();
  await expect(field(add, "Superuser"), '"Superuser" starts unchecked').not.toBeChecked();
  await field(add, "Email").fill(email);
  await field(add, "Full name").fill("Morgan Managed");
  await field(add, "Password").fill(password);
  await button(add, "Save").click();
  await expect(toast(page, "User created")).toBeVisible();
  await expect(add).toBeHidden();

  await expectCells(await findRow(page, email), ["Morgan Managed", "User", "Active"]);
  // The account works.
  await api.call("POST", "/login/access-token", { form: { username: email, password } });

  await button(page, `Edit ${email}`).click();
  const edit = dialog(page, "Edit user");
  await expect(edit).toBeVisible();
  await expect(edit.getByText("Leave empty to keep the current password")).toBeVisible();
  await expect(field(edit, "Email")).toHaveValue(email);
  await field(edit, "Full name").fill("Morgan Renamed");
  await field(edit, "Active").uncheck();
  await button(edit, "Save").click();
  await expect(toast(page, "User updated")).toBeVisible();
  await expect(edit).toBeHidden();
  await expectCells(await findRow(page, email), ["Morgan Renamed", "User", "Inactive"]);
  // An inactive user cannot log in (and the empty New password kept the old one).
  const refused = await api.call<{ detail: string }>("POST", "/login/access-token", {
    form: { username: email, password },
    expect: [400],
  });
  expect(refused.detail).toBe("Inactive user");

  await button(page, `Delete ${email}`).click();
  const remove = dialog(page, "Delete user");
  await expect(remove).toBeVisible();
  await button(remove, "Cancel").click();
  await expect(remove).toBeHidden();
  await button(page, `Delete ${email}`).click();
  await button(remove, "Delete").click();
  await expect(toast(page, "User deleted")).toBeVisible();
  await expect(row(page, email)).toBeHidden();
});

test("admin: an email already registered shows the API's detail", async ({ page, api, stack }) => {
  const existing = await api.createUser({ tag: "admin-dup" });
  await openAdmin(page, stack.superuser);
  await button(page, "Add user").click();
  const add = dialog(page, "Add user");
  await field(add, "Email").fill(existing.email);
  await field(add, "Password").fill(uniquePassword());
  await button(add, "Save").click();
  await expect(alert(add, "The user with this email already exists in the system.")).toBeVisible();
  await expect(add, "the dialog stays open").toBeVisible();
});

test("admin: the superuser's own row has no Delete button", async ({ page, stack }) => {
  const { email } = stack.superuser;
  await openAdmin(page, stack.superuser);
  const own = await findRow(page, email);
  await expect(own.getByRole("cell").nth(2)).toHaveText("Superuser");
  await expect(own.getByRole("cell").nth(3)).toHaveText("Active");
  await expect(button(page, `Edit ${email}`)).toBeVisible();
  await expect(button(page, `Delete ${email}`)).toHaveCount(0);
});

test("admin: a normal user sees Not allowed, and no Admin link", async ({ page, api }) => {
  const user = await api.createUser({ tag: "not-admin" });
  await login(page, user);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toHaveCount(0);
  await expect(link(mainNav(page), "Admin")).toHaveCount(0);
});
