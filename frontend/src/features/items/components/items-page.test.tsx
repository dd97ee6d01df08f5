import { http, HttpResponse } from "msw";
import { screen, within } from "@testing-library/react";
import { tableRows } from "@/test/list-page";
import { renderWithApp } from "@/test/render";
import { server } from "@/test/server";
import { formatDateTime } from "@/lib/dates";
import { fakeItemsApi, makeItems } from "../test/fake-items-api";
import ItemsPage from "./items-page";

function renderItems(route = "/items") {
  return renderWithApp(<ItemsPage />, { path: "/items", route });
}

test("lists the first page with formatted dates and pages forward", async () => {
  const items = makeItems(12);
  const api = fakeItemsApi(items);
  const { user, router } = renderItems();

  expect(await screen.findByRole("cell", { name: "Item 1" })).toBeInTheDocument();
  expect(tableRows()).toHaveLength(10);
  expect(screen.getByText("About item 1")).toBeInTheDocument();
  // "Item 1" was created on 2025-01-31 at 09:30 UTC; shown in the user's locale and zone.
  const created = screen.getAllByText(formatDateTime("2025-01-31T09:30:00.000Z"))[0];
  expect(created).toHaveAttribute("datetime", "2025-01-31T09:30:00.000Z");
  expect(screen.getByText("Page 1 of 2")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Previous" })).toBeDisabled();
  expect(api.requests("GET")[0]?.url.searchParams.get("skip")).toBe("0");

  await user.click(screen.getByRole("button", { name: "Next" }));
  expect(await screen.findByRole("cell", { name: "Item 11" })).toBeInTheDocument();
  expect(tableRows()).toHaveLength(2);
  expect(screen.getByText("Page 2 of 2")).toBeInTheDocument();
  expect(api.requests("GET").at(-1)?.url.searchParams.get("skip")).toBe("10");
  expect(api.requests("GET").at(-1)?.url.searchParams.get("limit")).toBe("10");
  expect(router.state.location.search).toBe("?page=2");
});

test("opens on the page named in the URL", async () => {
  const api = fakeItemsApi(makeItems(25));
  renderItems("/items?page=3");
  expect(await screen.findByRole("cell", { name: "Item 21" })).toBeInTheDocument();
  expect(screen.getByText("Page 3 of 3")).toBeInTheDocument();
  expect(api.requests("GET")[0]?.url.searchParams.get("skip")).toBe("20");
});

test("shows the empty state when there are no items", async () => {
  fakeItemsApi([]);
  renderItems();
  expect(await screen.findByRole("heading", { name: "No items yet" })).toBeInTheDocument();
  expect(screen.getByText("Add your first item to see it here.")).toBeInTheDocument();
  expect(screen.queryByRole("table")).not.toBeInTheDocument();
});

test("offers a retry when the list fails to load", async () => {
  // Added after the fake API: msw tries the newest handlers first.
  fakeItemsApi(makeItems(1));
  server.use(
    http.get(
      "/api/v1/items",
      () =>
        HttpResponse.json(
          { type: "about:blank", title: "Error", status: 503, detail: "Try later" },
          { status: 503 },
        ),
      { once: true },
    ),
  );
  const { user } = renderItems();
  expect(await screen.findByRole("alert")).toHaveTextContent("Try later");
  await user.click(screen.getByRole("button", { name: "Try again" }));
  expect(await screen.findByRole("cell", { name: "Item 1" })).toBeInTheDocument();
});

test("deletes an item after confirmation", async () => {
  const api = fakeItemsApi(makeItems(3));
  const { user } = renderItems();
  await user.click(await screen.findByRole("button", { name: "Delete Item 2" }));

  const dialog = screen.getByRole("dialog", { name: "Delete item" });
  expect(dialog).toHaveTextContent("Item 2");
  await user.click(within(dialog).getByRole("button", { name: "Delete" }));

  const toast = await screen.findByText("Item deleted");
  expect(toast.closest('[role="status"]')).not.toBeNull();
  expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  expect(screen.queryByRole("cell", { name: "Item 2" })).not.toBeInTheDocument();
  expect(api.requests("DELETE")).toHaveLength(1);
});

test("cancelling a delete changes nothing", async () => {
  const api = fakeItemsApi(makeItems(3));
  const { user } = renderItems();
  await user.click(await screen.findByRole("button", { name: "Delete Item 2" }));
  await user.click(screen.getByRole("button", { name: "Cancel" }));

  expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  expect(screen.getByRole("cell", { name: "Item 2" })).toBeInTheDocument();
  expect(api.requests("DELETE")).toHaveLength(0);
});

test("deleting the last item of a page goes back one page", async () => {
  fakeItemsApi(makeItems(11));
  const { user, router } = renderItems("/items?page=2");
  await user.click(await screen.findByRole("button", { name: "Delete Item 11" }));
  await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));

  expect(await screen.findByRole("cell", { name: "Item 1" })).toBeInTheDocument();
  expect(router.state.location.search).toBe("");
  expect(screen.queryByText(/Page \d of/)).not.toBeInTheDocument();
});

test("shows the API's answer when a delete fails and keeps the dialog open", async () => {
  fakeItemsApi(makeItems(1));
  server.use(
    http.delete("/api/v1/items/:id", () =>
      HttpResponse.json(
        { type: "about:blank", title: "Forbidden", status: 403, detail: "Not enough permissions" },
        { status: 403 },
      ),
    ),
  );
  const { user } = renderItems();
  await user.click(await screen.findByRole("button", { name: "Delete Item 1" }));
  const dialog = screen.getByRole("dialog");
  await user.click(within(dialog).getByRole("button", { name: "Delete" }));
  expect(await within(dialog).findByRole("alert")).toHaveTextContent("Not enough permissions");
  expect(screen.getByRole("cell", { name: "Item 1" })).toBeInTheDocument();
});
