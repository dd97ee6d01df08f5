// /items: add, edit and delete (with its confirmation), the form's checks,
// the empty state and the pagination (10 a page, newest first).
import type { Page } from "@playwright/test";
import type { Api } from "../fixtures/api";
import { expect, test } from "../fixtures/test";
import { button, dialog, expectFieldError, field, heading, login, toast } from "../fixtures/ui";

const row = (page: Page, title: string) => page.getByRole("row").filter({ hasText: title });
const emptyState = (page: Page) => page.getByRole("heading", { name: "No items yet" });

/** A new user, signed in on /items; with `items` made through the API first. */
async function openItems(
  page: Page,
  api: Api,
  { tag, items = [] }: { tag: string; items?: { title: string; description?: string }[] },
) {
  const user = await api.createUser({ tag });
  if (items.length) {
    const token = await api.accessToken(user);
    for (const item of items) await api.createItem(token, item);
  }
  await login(page, user);
  await page.goto("/items");
  await expect(heading(page, "Items")).toBeVisible();
  return user;
}

test("items: the empty state, then a new item in the table", async ({ page, api }) => {
  await openItems(page, api, { tag: "items-create" });
  await expect(emptyState(page)).toBeVisible();
  await expect(page.getByText("Add your first item to see it here.")).toBeVisible();

  await button(page, "Add item").click();
  const add = dialog(page, "Add item");
  await expect(add).toBeVisible();
  await field(add, "Title").fill("Buy milk");
  await field(add, "Description").fill("Two litres, semi-skimmed");
  await button(add, "Save").click();

  await expect(toast(page, "Item created")).toBeVisible();
  await expect(add).toBeHidden();
  await expect(row(page, "Buy milk")).toContainText("Two litres, semi-skimmed");
  await expect(emptyState(page)).toBeHidden();
});

test("items: Cancel closes the Add item dialog without saving", async ({ page, api }) => {
  await openItems(page, api, { tag: "items-cancel", items: [{ title: "Kept" }] });
  await button(page, "Add item").click();
  const add = dialog(page, "Add item");
  await field(add, "Title").fill("Never saved");
  await button(add, "Cancel").click();
  await expect(add).toBeHidden();
  await expect(row(page, "Kept")).toBeVisible();
  await expect(row(page, "Never saved"), "a cancelled item was saved").toHaveCount(0);
});

test("items: edit an item's title and description", async ({ page, api }) => {
  await openItems(page, api, {
    tag: "items-edit",
    items: [{ title: "Old title", description: "Old description" }],
  });
  await button(page, "Edit Old title").click();
  const edit = dialog(page, "Edit item");
  await expect(edit).toBeVisible();
  const title = field(edit, "Title");
  await expect(title).toHaveValue("Old title");
  await title.fill("New title");
  await field(edit, "Description").fill("New description");
  await button(edit, "Save").click();

  await expect(toast(page, "Item updated")).toBeVisible();
  await expect(edit).toBeHidden();
  await expect(row(page, "New title")).toContainText("New description");
  await expect(row(page, "Old title")).toBeHidden();
});

test("items: delete asks first; Cancel keeps the item, Delete removes it", async ({
  page,
  api,
}) => {
  await openItems(page, api, { tag: "items-delete", items: [{ title: "Doomed item" }] });
  await button(page, "Delete Doomed item").click();
  const confirm = dialog(page, "Delete item");
  await expect(confirm).toContainText("Doomed item");
  await button(confirm, "Cancel").click();
  await expect(confirm).toBeHidden();
  await expect(row(page, "Doomed item")).toBeVisible();

  await button(page, "Delete Doomed item").click();
  await button(confirm, "Delete").click();
  await expect(toast(page, "Item deleted")).toBeVisible();
  await expect(row(page, "Doomed item")).toBeHidden();
  await expect(emptyState(page)).toBeVisible();
});

test("items: an empty or too long title, a too long description", async ({ page, api }) => {
  await openItems(page, api, { tag: "items-invalid" });
  await button(page, "Add item").click();
  const add = dialog(page, "Add item");
  await button(add, "Save").click();
  await expectFieldError(add, "Title", "Title is required.");

  await field(add, "Title").fill("t".repeat(256));
  await field(add, "Description").fill("d".repeat(256));
  await button(add, "Save").click();
  await expectFieldError(add, "Title", "Title must be at most 255 characters.");
  await expectFieldError(add, "Description", "Description must be at most 255 characters.");
  await expect(add, "the dialog stays open").toBeVisible();

  // 255 characters each are fine.
  await field(add, "Title").fill("t".repeat(255));
  await field(add, "Description").fill("d".repeat(255));
  await button(add, "Save").click();
  await expect(toast(page, "Item created")).toBeVisible();
});

test("items: 10 a page, newest first, Previous / Next", async ({ page, api }) => {
  const items = Array.from({ length: 12 }, (_, i) => ({
    title: `Item ${String(i + 1).padStart(2, "0")}`,
  }));
  await openItems(page, api, { tag: "items-pages", items });
  const status = page.getByText(/^Page \d+ of \d+$/);
  await expect(status).toHaveText("Page 1 of 2");
  // Newest first: the last made is on top, the first two are on page 2.
  await expect(page.getByRole("row").nth(1)).toContainText("Item 12");
  await expect(row(page, "Item 03")).toBeVisible();
  await expect(row(page, "Item 02"), '"Item 02" is on page 2').toHaveCount(0);

  await button(page, "Next").click();
  await expect(status).toHaveText("Page 2 of 2");
  await expect(row(page, "Item 01")).toBeVisible();
  await expect(row(page, "Item 12")).toBeHidden();

  await button(page, "Previous").click();
  await expect(status).toHaveText("Page 1 of 2");
  await expect(row(page, "Item 12")).toBeVisible();
});
