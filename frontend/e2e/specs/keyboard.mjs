// Keyboard only: logging in, adding an item through its dialog, and closing a
// dialog with Escape, without a single click.
import assert from "node:assert/strict";
import { createUser } from "../support/api.mjs";
import { e2e } from "../support/test.mjs";
import { dialog, expectHeading, expectHidden, expectToast, expectVisible } from "../support/ui.mjs";

/** The accessible name of the focused element. */
const focused = (page) =>
  page.evaluate(() => {
    const element = globalThis.document.activeElement;
    return element?.labels?.[0]?.textContent ?? element?.textContent ?? "";
  });

/** Presses Tab until `name` has the focus (at most `limit` times). */
async function tabTo(page, name, limit = 15) {
  for (let presses = 0; presses < limit; presses += 1) {
    if ((await focused(page)).trim() === name) return;
    await page.keyboard.press("Tab");
  }
  assert.fail(`Tab never reached "${name}" (focus is on "${await focused(page)}")`);
}

e2e("keyboard: log in, add an item and close a dialog with Escape", async ({ page }) => {
  const user = await createUser({ tag: "keyboard" });
  await page.goto("/login");
  await tabTo(page, "Email");
  await page.keyboard.type(user.email);
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).trim(), "Password");
  await page.keyboard.type(user.password);
  await page.keyboard.press("Enter");
  await expectHeading(page, `Hi, ${user.fullName}`);

  await page.goto("/items");
  await expectHeading(page, "Items");
  await tabTo(page, "Add item", 25);
  await page.keyboard.press("Enter");
  const add = dialog(page, "Add item");
  await expectVisible(add, "the Add item dialog");
  // The dialog takes the focus: its first field.
  assert.equal((await focused(page)).trim(), "Title");
  await page.keyboard.type("Typed without a mouse");
  await page.keyboard.press("Enter");
  await expectToast(page, "Item created");
  await expectHidden(add, "the Add item dialog");

  await tabTo(page, "Add item", 25);
  await page.keyboard.press("Enter");
  await expectVisible(add, "the Add item dialog, again");
  await page.keyboard.press("Escape");
  await expectHidden(add, "the dialog after Escape");
  // Focus returns to the button that opened it.
  assert.equal((await focused(page)).trim(), "Add item");
});
