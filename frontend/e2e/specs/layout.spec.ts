// The signed-in layout: the theme choice, and the navigation behind "Menu" on a phone.
import { PHONE } from "../fixtures/viewports";
import { expect, test } from "../fixtures/test";
import { atPath, button, heading, link, login, logout, mainNav } from "../fixtures/ui";

test("layout: the Theme choice applies at once and survives a reload", async ({ page, api }) => {
  const user = await api.createUser({ tag: "theme" });
  await login(page, user);
  const html = page.locator("html");
  // getByLabel would match the whole <label> text, options included.
  const select = page.getByRole("combobox", { name: "Theme", exact: true });
  await select.selectOption({ label: "Dark theme" });
  await expect(html).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(heading(page, `Hi, ${user.fullName}`)).toBeVisible();
  expect(await html.getAttribute("data-theme"), "the theme after a reload").toBe("dark");
  await select.selectOption({ label: "Light theme" });
  await expect(html).toHaveAttribute("data-theme", "light");
});

test.describe(() => {
  test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

  test("layout: on a phone the navigation opens from Menu", async ({ page, api }) => {
    const user = await api.createUser({ tag: "phone" });
    await login(page, user);
    await expect(page).toHaveURL(atPath("/"));
    const nav = mainNav(page);
    await expect(link(nav, "Items"), "the links start hidden").toBeHidden();
    await button(page, "Menu").click();
    await expect(link(nav, "Items")).toBeVisible();
    await link(nav, "Settings").click();
    await expect(page).toHaveURL(atPath("/settings"));
    await expect(heading(page, "Settings")).toBeVisible();
    await logout(page);
  });
});
