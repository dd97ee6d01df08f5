import { render, screen } from "@testing-library/react";
import { SelectField, TextField } from "./field";

test("a field's error replaces its hint in what a screen reader hears", () => {
  const { rerender } = render(<TextField label="Title" hint="At most 255 characters" />);
  expect(screen.getByLabelText("Title")).toHaveAccessibleDescription("At most 255 characters");
  rerender(<TextField label="Title" hint="At most 255 characters" error="Title is required." />);
  expect(screen.getByLabelText("Title")).toHaveAccessibleDescription("Title is required.");
  expect(screen.getByLabelText("Title")).toHaveAttribute("aria-invalid", "true");
});

test("a select waits, disabled, for its choices, then offers them after the empty one", () => {
  const choices = [
    { value: "a", label: "Alpha" },
    { value: "b", label: "Beta" },
  ];
  const { rerender } = render(
    <SelectField label="Project" none="Choose a project" choices={undefined} defaultValue="b" />,
  );
  expect(screen.getByLabelText("Project")).toBeDisabled();

  rerender(
    <SelectField label="Project" none="Choose a project" choices={choices} defaultValue="b" />,
  );
  const select = screen.getByLabelText("Project");
  expect(select).toBeEnabled();
  expect(select).toHaveValue("b");
  expect(screen.getAllByRole("option").map((option) => option.textContent)).toEqual([
    "Choose a project",
    "Alpha",
    "Beta",
  ]);
});
