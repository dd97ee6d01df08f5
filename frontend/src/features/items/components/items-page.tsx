import { useState } from "react";
import { Button } from "@/components/button";
import { EmptyState } from "@/components/error-state";
import { PageHeader } from "@/components/page-header";
import { PagedList } from "@/components/paged-list";
import type { ItemPublic } from "@/lib/api";
import { useDocumentTitle } from "@/lib/use-document-title";
import { usePageParam } from "@/lib/use-page-param";
import { useItemsPage } from "../api/get-items";
import { DeleteItemDialog } from "./delete-item-dialog";
import { ItemFormDialog } from "./item-form-dialog";
import { ItemsTable } from "./items-table";

type Dialog =
  | { kind: "create" }
  | { kind: "edit"; item: ItemPublic }
  | { kind: "delete"; item: ItemPublic }
  | null;

export default function ItemsPage() {
  useDocumentTitle("Items");
  const page = usePageParam();
  const items = useItemsPage(page[0]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const closeDialog = () => setDialog(null);

  return (
    <>
      <PageHeader
        title="Items"
        actions={
          <Button variant="primary" onClick={() => setDialog({ kind: "create" })}>
            Add item
          </Button>
        }
      />
      <PagedList
        list={items}
        page={page}
        words="items"
        empty={
          <EmptyState title="No items yet">
            <p className="muted">Add your first item to see it here.</p>
          </EmptyState>
        }
      >
        {(rows, stale) => (
          <ItemsTable
            items={rows}
            stale={stale}
            onEdit={(item) => setDialog({ kind: "edit", item })}
            onDelete={(item) => setDialog({ kind: "delete", item })}
          />
        )}
      </PagedList>
      {dialog?.kind === "create" && <ItemFormDialog onClose={closeDialog} />}
      {dialog?.kind === "edit" && <ItemFormDialog item={dialog.item} onClose={closeDialog} />}
      {dialog?.kind === "delete" && <DeleteItemDialog item={dialog.item} onClose={closeDialog} />}
    </>
  );
}
