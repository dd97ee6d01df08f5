// Keyboard only: logging in, adding an item through its dialog, and closing a
// dialog with Escape, without a single click.
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { dialog, heading, toast } from "../fixtures/ui";

/** The accessible name of the focused element (its label, or its text). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = globalThis.document.activeElement as HTMLInputElement | null;
    return (element?.labels?.[0]?.textContent ?? element?.textContent ?? "").trim();
  });

/** Presses Tab until `name` has the focus (at most `limit` times). */
async function tabTo(page: Page, name: string, limit = 15) {
  for (let presses = 0; presses < limit; presses += 1) {
    if ((await focused(page)) === name) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached "${name}" (focus is on "${await focused(page)}")`);
}

test("keyboard: log in, add an item and close a dialog with Escape", async ({ page, api }) => {
  const user = await api.createUser({ tag: "keyboard" });
  await page.goto("/login");
  await tabTo(page, "Email");
  await page.keyboard.type(user.email);
  await page.keyboard.press("Tab");
  expect(await focused(page)).toBe("Password");
  await page.keyboard.type(user.password);
  await page.keyboard.press("Enter");
  await expect(heading(page, `Hi, ${user.fullName}`)).toBeVisible();

  await page.goto("/items");
  await expect(heading(page, "Items")).toBeVisible();
  await tabTo(page, "Add item", 25);
  await page.keyboard.press("Enter");
  const add = dialog(page, "Add item");
  await expect(add).toBeVisible();
  // The dialog takes the focus: its first field.
  expect(await focused(page)).toBe("Title");
  await page.keyboard.type("Typed without a mouse");
  await page.keyboard.press("Enter");
  await expect(toast(page, "Item created")).toBeVisible();
  await expect(add).toBeHidden();

  await tabTo(page, "Add item", 25);
  await page.keyboard.press("Enter");
  await expect(add, "the Add item dialog, again").toBeVisible();
  await page.keyboard.press("Escape");
  await expect(add, "the dialog after Escape").toBeHidden();
  // Focus returns to the button that opened it.
  expect(await focused(page)).toBe("Add item");
});
