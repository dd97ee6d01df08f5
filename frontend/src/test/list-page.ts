// What tests of a list page find and do on it.
import { screen, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";

/** The table's rows, without its heading row. */
export const tableRows = () => within(screen.getByRole("table")).getAllByRole("row").slice(1);

/** The cell showing exactly `name`, once it is there. */
export const findCell = (name: string) => screen.findByRole("cell", { name });

/** Presses the button `button` (once it is there) and returns the dialog it opens, `title`. */
export async function openDialog(user: UserEvent, button: string, title: string) {
  await user.click(await screen.findByRole("button", { name: button }));
  return screen.getByRole("dialog", { name: title });
}
