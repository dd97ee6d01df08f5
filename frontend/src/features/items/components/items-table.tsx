import { DataTable, type Column } from "@/components/data-table";
import { DateTimeValue, TextValue } from "@/components/value";
import type { ItemPublic } from "@/lib/api";

const columns: Column<ItemPublic>[] = [
  { label: "Title", cell: (item) => item.title, className: "cell-name" },
  {
    label: "Description",
    cell: (item) => <TextValue value={item.description} />,
    className: "cell-text",
  },
  {
    label: "Created",
    cell: (item) => <DateTimeValue value={item.created_at} />,
    className: "cell-time",
  },
];

type Props = {
  items: ItemPublic[];
  stale: boolean;
  onEdit: (item: ItemPublic) => void;
  onDelete: (item: ItemPublic) => void;
};

export function ItemsTable({ items, ...rest }: Props) {
  return (
    <DataTable
      rows={items}
      columns={columns}
      rowName={(item) => item.title}
      className="items-table"
      {...rest}
    />
  );
}
