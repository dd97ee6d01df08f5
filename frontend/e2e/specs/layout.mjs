// The signed-in layout: the theme choice, and the navigation behind "Menu" on a phone.
import assert from "node:assert/strict";
import { createUser } from "../support/api.mjs";
import { PHONE } from "../support/browser.mjs";
import { e2e } from "../support/test.mjs";
import {
  button,
  eventually,
  expectHeading,
  expectPath,
  expectVisible,
  link,
  login,
  logout,
} from "../support/ui.mjs";

const theme = (page) => page.evaluate(() => globalThis.document.documentElement.dataset.theme);

e2e("layout: the Theme choice applies at once and survives a reload", async ({ page }) => {
  const user = await createUser({ tag: "theme" });
  await login(page, user);
  // getByLabel would match the whole <label> text, options included.
  const select = page.getByRole("combobox", { name: "Theme", exact: true });
  await select.selectOption({ label: "Dark theme" });
  await eventually(
    () => theme(page),
    (value) => value === "dark",
    (value) => `expected data-theme="dark" on <html>, found ${value}`,
  );
  await page.reload();
  await expectHeading(page, `Hi, ${user.fullName}`);
  assert.equal(await theme(page), "dark");
  await select.selectOption({ label: "Light theme" });
  await eventually(
    () => theme(page),
    (value) => value === "light",
    (value) => `expected data-theme="light" on <html>, found ${value}`,
  );
});

e2e(
  "layout: on a phone the navigation opens from Menu",
  async ({ page }) => {
    const user = await createUser({ tag: "phone" });
    await login(page, user);
    await expectPath(page, "/");
    const nav = page.getByRole("navigation", { name: "Main" });
    assert.equal(await link(nav, "Items").isVisible(), false, "the links start hidden");
    await button(page, "Menu").click();
    await expectVisible(link(nav, "Items"), 'the link "Items"');
    await link(nav, "Settings").click();
    await expectPath(page, "/settings");
    await expectHeading(page, "Settings");
    await logout(page);
  },
  { context: { viewport: PHONE, isMobile: true, hasTouch: true } },
);
