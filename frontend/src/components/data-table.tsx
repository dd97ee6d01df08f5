import type { ReactNode } from "react";
import { RowActions } from "./row-actions";

export type Column<Row> = {
  /** The heading; on phones it also names the cell (`data-label`). */
  label: string;
  cell: (row: Row) => ReactNode;
  className?: string;
};

type Props<Row> = {
  rows: Row[];
  columns: Column<Row>[];
  /** Names a row for screen readers: "Edit Buy milk". */
  rowName: (row: Row) => string;
  /** True while the next page loads and the previous one is still shown. */
  stale: boolean;
  className: string;
  onEdit: (row: Row) => void;
  onDelete: (row: Row) => void;
  /** Whether a row has a Delete button; every row has one unless told. */
  canDelete?: (row: Row) => boolean;
};

/**
 * A list of records with Edit and Delete at the end of each row. On phones
 * each row becomes a card (.data-table in styles/global.css).
 */
export function DataTable<Row extends { id: string }>({
  rows,
  columns,
  rowName,
  stale,
  className,
  onEdit,
  onDelete,
  canDelete = () => true,
}: Props<Row>) {
  return (
    <div className={stale ? "table-wrap stale" : "table-wrap"}>
      <table className={`data-table ${className}`} aria-busy={stale || undefined}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col">
                {column.label}
              </th>
            ))}
            <th scope="col" className="actions">
              Actions
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              {columns.map((column) => (
                <td key={column.label} data-label={column.label} className={column.className}>
                  {column.cell(row)}
                </td>
              ))}
              <RowActions
                name={rowName(row)}
                onEdit={() => onEdit(row)}
                onDelete={canDelete(row) ? () => onDelete(row) : undefined}
              />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
