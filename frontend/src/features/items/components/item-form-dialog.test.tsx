import { http, HttpResponse } from "msw";
import { screen, waitFor, within } from "@testing-library/react";
import { problem } from "@/test/problem";
import { renderWithApp } from "@/test/render";
import { server } from "@/test/server";
import { fakeItemsApi, makeItems } from "../test/fake-items-api";
import ItemsPage from "./items-page";

function renderItems() {
  return renderWithApp(<ItemsPage />, { path: "/items", route: "/items" });
}

async function openAddDialog(user: ReturnType<typeof renderItems>["user"]) {
  await screen.findByRole("table");
  await user.click(screen.getByRole("button", { name: "Add item" }));
  return screen.getByRole("dialog", { name: "Add item" });
}

test("creates an item, announces it and shows it in the list", async () => {
  const api = fakeItemsApi(makeItems(2));
  const { user } = renderItems();
  const dialog = await openAddDialog(user);
  expect(within(dialog).getByLabelText("Title")).toHaveFocus();

  await user.type(within(dialog).getByLabelText("Title"), "  Buy milk  ");
  await user.click(within(dialog).getByRole("button", { name: "Save" }));

  const toast = await screen.findByText("Item created");
  expect(toast.closest('[role="status"]')).not.toBeNull();
  expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  expect(screen.getByRole("cell", { name: "Buy milk" })).toBeInTheDocument();
  expect(api.requests("POST")[0]?.body).toEqual({ title: "Buy milk", description: null });
  expect(api.requests("GET")).toHaveLength(2);
});

test("checks the fields before sending anything", async () => {
  const api = fakeItemsApi(makeItems(1));
  const { user } = renderItems();
  const dialog = await openAddDialog(user);

  await user.type(within(dialog).getByLabelText("Title"), "   ");
  await user.click(within(dialog).getByRole("button", { name: "Save" }));
  expect(within(dialog).getByText("Title is required.")).toBeInTheDocument();
  expect(within(dialog).getByLabelText("Title")).toHaveAttribute("aria-invalid", "true");

  await user.click(within(dialog).getByLabelText("Title"));
  await user.paste("t".repeat(256));
  await user.click(within(dialog).getByLabelText("Description"));
  await user.paste("d".repeat(256));
  await user.click(within(dialog).getByRole("button", { name: "Save" }));
  expect(within(dialog).getByText("Title must be at most 255 characters.")).toBeInTheDocument();
  expect(
    within(dialog).getByText("Description must be at most 255 characters."),
  ).toBeInTheDocument();
  expect(api.requests("POST")).toHaveLength(0);
});

test("shows the API's answer in the dialog and keeps it open", async () => {
  fakeItemsApi(makeItems(1));
  server.use(
    http.post("/api/v1/items", () =>
      HttpResponse.json(
        {
          type: "about:blank",
          title: "Unprocessable Entity",
          status: 422,
          detail: "title: must not contain NUL characters",
          errors: [{ field: "title", message: "must not contain NUL characters" }],
        },
        { status: 422 },
      ),
    ),
  );
  const { user } = renderItems();
  const dialog = await openAddDialog(user);
  await user.type(within(dialog).getByLabelText("Title"), "Odd");
  await user.click(within(dialog).getByRole("button", { name: "Save" }));

  // The message goes next to the field it names; the detail repeating it is not shown twice.
  await waitFor(() =>
    expect(within(dialog).getByLabelText("Title")).toHaveAccessibleDescription(
      "must not contain NUL characters",
    ),
  );
  expect(within(dialog).queryByRole("alert")).not.toBeInTheDocument();
  expect(screen.getByRole("dialog")).toBeInTheDocument();
  expect(screen.queryByText("Item created")).not.toBeInTheDocument();
});

test("an error that names no field is shown over the form", async () => {
  fakeItemsApi(makeItems(1));
  server.use(http.post("/api/v1/items", () => problem(503, "Service temporarily unavailable.")));
  const { user } = renderItems();
  const dialog = await openAddDialog(user);
  await user.type(within(dialog).getByLabelText("Title"), "Later");
  await user.click(within(dialog).getByRole("button", { name: "Save" }));

  expect(await within(dialog).findByRole("alert")).toHaveTextContent(
    "Service temporarily unavailable.",
  );
  expect(screen.getByRole("dialog")).toBeInTheDocument();
});

test("edits an item: the form starts filled in and saves the changes", async () => {
  const api = fakeItemsApi(makeItems(2));
  const { user } = renderItems();
  await user.click(await screen.findByRole("button", { name: "Edit Item 1" }));

  const dialog = screen.getByRole("dialog", { name: "Edit item" });
  expect(within(dialog).getByLabelText("Title")).toHaveValue("Item 1");
  expect(within(dialog).getByLabelText("Description")).toHaveValue("About item 1");

  await user.clear(within(dialog).getByLabelText("Title"));
  await user.type(within(dialog).getByLabelText("Title"), "Renamed");
  await user.clear(within(dialog).getByLabelText("Description"));
  await user.click(within(dialog).getByRole("button", { name: "Save" }));

  expect(await screen.findByText("Item updated")).toBeInTheDocument();
  expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  expect(screen.getByRole("cell", { name: "Renamed" })).toBeInTheDocument();
  const [put] = api.requests("PUT");
  expect(put?.url.pathname).toBe(`/api/v1/items/${api.items[0]?.id}`);
  // Clearing a description sends "": the API keeps a field sent as null.
  expect(put?.body).toEqual({ title: "Renamed", description: "" });
});

test("cancel closes the dialog without saving", async () => {
  const api = fakeItemsApi(makeItems(1));
  const { user } = renderItems();
  const dialog = await openAddDialog(user);
  await user.type(within(dialog).getByLabelText("Title"), "Never saved");
  await user.click(within(dialog).getByRole("button", { name: "Cancel" }));

  expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  expect(api.requests("POST")).toHaveLength(0);
  expect(screen.getByRole("button", { name: "Add item" })).toHaveFocus();
});
