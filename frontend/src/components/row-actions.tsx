import { Button } from "./button";

type Props = {
  /** Names the row for screen readers: "Edit {name}", "Delete {name}". */
  name: string;
  onEdit: () => void;
  /** Without it the row has no Delete button. */
  onDelete?: () => void;
};

/** The Edit and Delete buttons at the end of a list table's row. */
export function RowActions({ name, onEdit, onDelete }: Props) {
  return (
    <td className="actions">
      <Button aria-label={`Edit ${name}`} onClick={onEdit}>
        Edit
      </Button>
      {onDelete && (
        <Button variant="danger" aria-label={`Delete ${name}`} onClick={onDelete}>
          Delete
        </Button>
      )}
    </td>
  );
}
