import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, test, vi } from "vitest";
import { toast, Toaster } from ".";

afterEach(() => {
  vi.useRealTimers();
});

test("a success or info toast is a status, an error toast an alert", () => {
  render(<Toaster />);
  act(() => {
    toast.success("Item created");
    toast.info("There are no changes to save.");
    toast.error("Super users are not allowed to delete themselves");
  });
  const statuses = screen.getAllByRole("status");
  expect(statuses.map((status) => status.textContent)).toEqual([
    expect.stringContaining("Item created"),
    expect.stringContaining("There are no changes to save."),
  ]);
  expect(screen.getByRole("alert")).toHaveTextContent(
    "Super users are not allowed to delete themselves",
  );
});

test("Dismiss removes that toast only", async () => {
  const user = userEvent.setup();
  render(<Toaster />);
  act(() => {
    toast.success("Item created");
    toast.success("Item updated");
  });
  const created = screen.getByText("Item created").closest<HTMLElement>("[role=status]");
  if (!created) throw new Error('no status holds "Item created"');
  await user.click(within(created).getByRole("button", { name: "Dismiss notification" }));
  expect(created).not.toBeInTheDocument();
  expect(screen.getByRole("status")).toHaveTextContent("Item updated");
});

test("a toast goes away by itself after five seconds", () => {
  vi.useFakeTimers();
  render(<Toaster />);
  act(() => toast.success("Item created"));
  act(() => vi.advanceTimersByTime(4_900));
  expect(screen.getByRole("status")).toHaveTextContent("Item created");
  act(() => vi.advanceTimersByTime(100));
  expect(screen.queryByRole("status")).not.toBeInTheDocument();
});
