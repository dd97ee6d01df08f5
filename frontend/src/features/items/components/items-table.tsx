import { RowActions } from "@/components/row-actions";
import type { ItemPublic } from "@/lib/api";
import { formatDateTime } from "../lib/format-date";

type Props = {
  items: ItemPublic[];
  /** True while the next page loads and the previous one is still shown. */
  stale: boolean;
  onEdit: (item: ItemPublic) => void;
  onDelete: (item: ItemPublic) => void;
};

// On phones each row becomes a card; `data-label` names the cell there (.data-table).
export function ItemsTable({ items, stale, onEdit, onDelete }: Props) {
  return (
    <div className={stale ? "table-wrap stale" : "table-wrap"}>
      <table className="data-table items-table" aria-busy={stale || undefined}>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Description</th>
            <th scope="col">Created</th>
            <th scope="col" className="actions">
              Actions
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td data-label="Title" className="item-title">
                {item.title}
              </td>
              <td data-label="Description" className="item-description">
                {item.description || <span className="muted">—</span>}
              </td>
              <td data-label="Created" className="item-created">
                <time dateTime={item.created_at}>{formatDateTime(item.created_at)}</time>
              </td>
              <RowActions
                name={item.title}
                onEdit={() => onEdit(item)}
                onDelete={() => onDelete(item)}
              />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
