import { useState } from "react";
import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test, vi } from "vitest";
import { Modal } from "./modal";

/** A button that opens a modal, as the pages do: the modal is there while `open`. */
function Opener({ onClose = () => {} }: { onClose?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Add item
      </button>
      {open && (
        <Modal
          title="Add item"
          onClose={() => {
            onClose();
            setOpen(false);
          }}
        >
          <input aria-label="Title" />
        </Modal>
      )}
    </>
  );
}

async function openModal(onClose?: () => void) {
  const user = userEvent.setup();
  render(<Opener onClose={onClose} />);
  await user.click(screen.getByRole("button", { name: "Add item" }));
  return { user, dialog: screen.getByRole("dialog", { name: "Add item" }) };
}

test("opens as a modal dialog named by its title", async () => {
  const { dialog } = await openModal();
  expect(dialog.tagName).toBe("DIALOG");
  expect(dialog).toHaveAttribute("open");
  expect(screen.getByRole("heading", { name: "Add item" })).toBeInTheDocument();
});

test("Escape (the dialog's cancel event) asks to close it, and the parent closes it", async () => {
  const onClose = vi.fn();
  const { dialog } = await openModal(onClose);
  const cancel = new Event("cancel", { cancelable: true });
  fireEvent(dialog, cancel);
  expect(onClose).toHaveBeenCalledOnce();
  // The browser does not close it by itself: unmounting does.
  expect(cancel.defaultPrevented).toBe(true);
  expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
});

test("a press on the backdrop closes it, a press inside does not", async () => {
  const onClose = vi.fn();
  const { dialog } = await openModal(onClose);
  fireEvent.mouseDown(screen.getByLabelText("Title"));
  fireEvent.mouseDown(screen.getByRole("heading", { name: "Add item" }));
  expect(onClose).not.toHaveBeenCalled();

  // A press on the ::backdrop targets the dialog element itself. Its default
  // (focusing what is under it) is prevented: the focus goes back to the opener.
  expect(fireEvent.mouseDown(dialog)).toBe(false);
  expect(onClose).toHaveBeenCalledOnce();
  expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
});

test("gives the focus back to what opened it", async () => {
  const { user } = await openModal();
  await user.click(screen.getByLabelText("Title"));
  expect(screen.getByLabelText("Title")).toHaveFocus();
  fireEvent(screen.getByRole("dialog"), new Event("cancel", { cancelable: true }));
  expect(screen.getByRole("button", { name: "Add item" })).toHaveFocus();
});
