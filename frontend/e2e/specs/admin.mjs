// /admin as the superuser: add, edit (name, inactive) and delete a user; and
// what a normal user sees there.
import assert from "node:assert/strict";
import { call, createUser, uniqueEmail, uniquePassword } from "../support/api.mjs";
import { stack } from "../support/env.mjs";
import { e2e } from "../support/test.mjs";
import {
  button,
  dialog,
  eventually,
  expectAlert,
  expectHeading,
  expectHidden,
  expectToast,
  expectVisible,
  field,
  login,
} from "../support/ui.mjs";

const row = (page, email) => page.getByRole("row").filter({ hasText: email });

/** The row's Full name, Role and Status cells become these. */
async function expectCells(managed, email, [fullName, role, status]) {
  await eventually(
    () => managed.getByRole("cell").allInnerTexts(),
    (cells) => cells[1] === fullName && cells[2] === role && cells[3] === status,
    (cells) =>
      `expected the row of ${email} to read ${JSON.stringify([fullName, role, status])} in ` +
      `Full name, Role, Status; it reads ${JSON.stringify(cells)}`,
  );
}

async function openAdmin(page) {
  await login(page, stack.superuser);
  await page.goto("/admin");
  await expectHeading(page, "Users");
}

/** The user's row, paging forward with "Next" until it shows (the API picks the order). */
async function findRow(page, email) {
  for (let pageNo = 1; pageNo <= 50; pageNo += 1) {
    await expectVisible(page.getByRole("row").nth(1), "the users table");
    if (await row(page, email).count()) return row(page, email);
    const next = button(page, "Next");
    if (!(await next.count()) || (await next.isDisabled())) break;
    const before = await page.getByText(/^Page \d+ of \d+$/).innerText();
    await next.click();
    await eventually(
      () => page.getByText(/^Page \d+ of \d+$/).innerText(),
      (now) => now !== before,
      () => `"Next" did not leave ${before}`,
    );
  }
  throw new assert.AssertionError({ message: `no row for ${email} on any page of /admin` });
}

e2e("admin: add a user, edit their name and make them inactive, delete them", async ({ page }) => {
  const email = uniqueEmail("managed");
  const password = uniquePassword();
  await openAdmin(page);

  await button(page, "Add user").click();
  const add = dialog(page, "Add user");
  await expectVisible(add, 'the dialog "Add user"');
  assert.equal(await field(add, "Active").isChecked(), true, '"Active" starts checked');
  assert.equal(await field(add, "Superuser").isChecked(), false, '"Superuser" starts unchecked');
  await field(add, "Email").fill(email);
  await field(add, "Full name").fill("Morgan Managed");
  await field(add, "Password").fill(password);
  await button(add, "Save").click();
  await expectToast(page, "User created");
  await expectHidden(add, 'the dialog "Add user"');

  let managed = await findRow(page, email);
  await expectCells(managed, email, ["Morgan Managed", "User", "Active"]);
  // The account works.
  await call("POST", "/login/access-token", { form: { username: email, password } });

  await button(page, `Edit ${email}`).click();
  const edit = dialog(page, "Edit user");
  await expectVisible(edit, 'the dialog "Edit user"');
  await expectVisible(
    edit.getByText("Leave empty to keep the current password"),
    "the hint of New password",
  );
  assert.equal(await field(edit, "Email").inputValue(), email);
  await field(edit, "Full name").fill("Morgan Renamed");
  await field(edit, "Active").uncheck();
  await button(edit, "Save").click();
  await expectToast(page, "User updated");
  await expectHidden(edit, 'the dialog "Edit user"');
  managed = await findRow(page, email);
  await expectCells(managed, email, ["Morgan Renamed", "User", "Inactive"]);
  // An inactive user cannot log in (and the empty New password kept the old one).
  const refused = await call("POST", "/login/access-token", {
    form: { username: email, password },
    expect: [400],
  });
  assert.equal(refused.detail, "Inactive user");

  await button(page, `Delete ${email}`).click();
  const remove = dialog(page, "Delete user");
  await expectVisible(remove, 'the dialog "Delete user"');
  await button(remove, "Cancel").click();
  await expectHidden(remove, 'the dialog "Delete user"');
  await button(page, `Delete ${email}`).click();
  await button(dialog(page, "Delete user"), "Delete").click();
  await expectToast(page, "User deleted");
  await expectHidden(row(page, email), `the row of ${email}`);
});

e2e("admin: an email already registered shows the API's detail", async ({ page }) => {
  const existing = await createUser({ tag: "admin-dup" });
  await openAdmin(page);
  await button(page, "Add user").click();
  const add = dialog(page, "Add user");
  await field(add, "Email").fill(existing.email);
  await field(add, "Password").fill(uniquePassword());
  await button(add, "Save").click();
  await expectAlert(add, "The user with this email already exists in the system.");
  await expectVisible(add, "the dialog, still open");
});

e2e("admin: the superuser's own row has no Delete button", async ({ page }) => {
  await openAdmin(page);
  const own = await findRow(page, stack.superuser.email);
  await eventually(
    () => own.getByRole("cell").allInnerTexts(),
    (cells) => cells[2] === "Superuser" && cells[3] === "Active",
    (cells) => `the superuser's row reads ${JSON.stringify(cells)}`,
  );
  await expectVisible(button(page, `Edit ${stack.superuser.email}`), "its Edit button");
  assert.equal(await button(page, `Delete ${stack.superuser.email}`).count(), 0);
});

e2e("admin: a normal user sees Not allowed, and no Admin link", async ({ page }) => {
  const user = await createUser({ tag: "not-admin" });
  await login(page, user);
  await page.goto("/admin");
  await expectVisible(page.getByRole("heading", { name: "Not allowed" }), '"Not allowed"');
  assert.equal(await page.getByRole("heading", { name: "Users", level: 1 }).count(), 0);
  const nav = page.getByRole("navigation", { name: "Main" });
  assert.equal(await nav.getByRole("link", { name: "Admin", exact: true }).count(), 0);
});
