// /items: add, edit and delete (with its confirmation), the form's checks,
// the empty state and the pagination (10 a page, newest first).
import { accessToken, createItem, createUser } from "../support/api.mjs";
import { e2e } from "../support/test.mjs";
import {
  button,
  dialog,
  expectFieldError,
  expectHeading,
  expectHidden,
  expectText,
  expectToast,
  expectVisible,
  field,
  login,
} from "../support/ui.mjs";

const row = (page, title) => page.getByRole("row").filter({ hasText: title });

/** A new user, signed in on /items; with `items` made through the API first. */
async function openItems(page, { tag, items = [] }) {
  const user = await createUser({ tag });
  if (items.length) {
    const token = await accessToken(user);
    for (const item of items) await createItem(token, item);
  }
  await login(page, user);
  await page.goto("/items");
  await expectHeading(page, "Items");
  return user;
}

e2e("items: the empty state, then a new item in the table", async ({ page }) => {
  await openItems(page, { tag: "items-create" });
  await expectVisible(page.getByRole("heading", { name: "No items yet" }), '"No items yet"');
  await expectVisible(
    page.getByText("Add your first item to see it here."),
    "the empty-state text",
  );

  await button(page, "Add item").click();
  const add = dialog(page, "Add item");
  await expectVisible(add, 'the dialog "Add item"');
  await field(add, "Title").fill("Buy milk");
  await field(add, "Description").fill("Two litres, semi-skimmed");
  await button(add, "Save").click();

  await expectToast(page, "Item created");
  await expectHidden(add, 'the dialog "Add item"');
  await expectText(row(page, "Buy milk"), "Two litres, semi-skimmed", 'the row "Buy milk"');
  await expectHidden(page.getByRole("heading", { name: "No items yet" }), "the empty state");
});

e2e("items: Cancel closes the Add item dialog without saving", async ({ page }) => {
  await openItems(page, { tag: "items-cancel", items: [{ title: "Kept" }] });
  await button(page, "Add item").click();
  const add = dialog(page, "Add item");
  await field(add, "Title").fill("Never saved");
  await button(add, "Cancel").click();
  await expectHidden(add, 'the dialog "Add item"');
  await expectVisible(row(page, "Kept"), 'the row "Kept"');
  if (await row(page, "Never saved").count()) throw new Error("a cancelled item was saved");
});

e2e("items: edit an item's title and description", async ({ page }) => {
  await openItems(page, {
    tag: "items-edit",
    items: [{ title: "Old title", description: "Old description" }],
  });
  await button(page, "Edit Old title").click();
  const edit = dialog(page, "Edit item");
  await expectVisible(edit, 'the dialog "Edit item"');
  const title = field(edit, "Title");
  if ((await title.inputValue()) !== "Old title") {
    throw new Error(`the Title field holds "${await title.inputValue()}", not the item's title`);
  }
  await title.fill("New title");
  await field(edit, "Description").fill("New description");
  await button(edit, "Save").click();

  await expectToast(page, "Item updated");
  await expectHidden(edit, 'the dialog "Edit item"');
  await expectText(row(page, "New title"), "New description", 'the row "New title"');
  await expectHidden(row(page, "Old title"), 'the row "Old title"');
});

e2e("items: delete asks first; Cancel keeps the item, Delete removes it", async ({ page }) => {
  await openItems(page, { tag: "items-delete", items: [{ title: "Doomed item" }] });
  await button(page, "Delete Doomed item").click();
  let confirm = dialog(page, "Delete item");
  await expectText(confirm, "Doomed item", 'the dialog "Delete item"');
  await button(confirm, "Cancel").click();
  await expectHidden(confirm, 'the dialog "Delete item"');
  await expectVisible(row(page, "Doomed item"), 'the row "Doomed item"');

  await button(page, "Delete Doomed item").click();
  confirm = dialog(page, "Delete item");
  await button(confirm, "Delete").click();
  await expectToast(page, "Item deleted");
  await expectHidden(row(page, "Doomed item"), 'the row "Doomed item"');
  await expectVisible(page.getByRole("heading", { name: "No items yet" }), '"No items yet"');
});

e2e("items: an empty or too long title, a too long description", async ({ page }) => {
  await openItems(page, { tag: "items-invalid" });
  await button(page, "Add item").click();
  const add = dialog(page, "Add item");
  await button(add, "Save").click();
  await expectFieldError(add, "Title", "Title is required.");

  await field(add, "Title").fill("t".repeat(256));
  await field(add, "Description").fill("d".repeat(256));
  await button(add, "Save").click();
  await expectFieldError(add, "Title", "Title must be at most 255 characters.");
  await expectFieldError(add, "Description", "Description must be at most 255 characters.");
  await expectVisible(add, "the dialog, still open");

  // 255 characters each are fine.
  await field(add, "Title").fill("t".repeat(255));
  await field(add, "Description").fill("d".repeat(255));
  await button(add, "Save").click();
  await expectToast(page, "Item created");
});

e2e("items: 10 a page, newest first, Previous / Next", async ({ page }) => {
  const items = Array.from({ length: 12 }, (_, i) => ({
    title: `Item ${String(i + 1).padStart(2, "0")}`,
  }));
  await openItems(page, { tag: "items-pages", items });
  const status = page.getByText(/^Page \d+ of \d+$/);
  await expectText(status, "Page 1 of 2", "the page status");
  // Newest first: the last made is on top, the first two are on page 2.
  const rows = page.getByRole("row");
  await expectText(rows.nth(1), "Item 12", "the first row");
  await expectVisible(row(page, "Item 03"), 'the row "Item 03"');
  if (await row(page, "Item 02").count()) throw new Error('"Item 02" should be on page 2');

  await button(page, "Next").click();
  await expectText(status, "Page 2 of 2", "the page status");
  await expectVisible(row(page, "Item 01"), 'the row "Item 01"');
  await expectHidden(row(page, "Item 12"), 'the row "Item 12"');

  await button(page, "Previous").click();
  await expectText(status, "Page 1 of 2", "the page status");
  await expectVisible(row(page, "Item 12"), 'the row "Item 12"');
});
