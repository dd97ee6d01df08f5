import { useState } from "react";
import { Button } from "@/components/button";
import { EmptyState, ErrorState } from "@/components/error-state";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { Spinner } from "@/components/spinner";
import type { ItemPublic } from "@/lib/api";
import { useDocumentTitle } from "@/lib/use-document-title";
import { ITEMS_PAGE_SIZE, useItemsPage } from "../api/get-items";
import { useKeepPageInRange, usePageParam } from "@/lib/use-page-param";
import { DeleteItemDialog } from "./delete-item-dialog";
import { ItemFormDialog } from "./item-form-dialog";
import { ItemsTable } from "./items-table";
import "../items.css";

type Dialog =
  | { kind: "create" }
  | { kind: "edit"; item: ItemPublic }
  | { kind: "delete"; item: ItemPublic }
  | null;

export default function ItemsPage() {
  useDocumentTitle("Items");
  const pageParam = usePageParam();
  const [page, setPage] = pageParam;
  const items = useItemsPage(page);
  const [dialog, setDialog] = useState<Dialog>(null);
  const closeDialog = () => setDialog(null);

  useKeepPageInRange(
    pageParam,
    items.isPlaceholderData ? undefined : items.data?.count,
    ITEMS_PAGE_SIZE,
  );

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
      {items.isPending ? (
        <div className="list-loading">
          <Spinner label="Loading items" />
        </div>
      ) : items.isError && !items.data ? (
        <ErrorState
          title="Could not load your items"
          error={items.error}
          onRetry={() => void items.refetch()}
        />
      ) : items.data.count === 0 ? (
        <EmptyState title="No items yet">
          <p className="muted">Add your first item to see it here.</p>
        </EmptyState>
      ) : (
        <>
          <ItemsTable
            items={items.data.data}
            stale={items.isPlaceholderData}
            onEdit={(item) => setDialog({ kind: "edit", item })}
            onDelete={(item) => setDialog({ kind: "delete", item })}
          />
          <Pagination
            page={page}
            pageSize={ITEMS_PAGE_SIZE}
            total={items.data.count}
            onPageChange={setPage}
          />
        </>
      )}
      {dialog?.kind === "create" && <ItemFormDialog onClose={closeDialog} />}
      {dialog?.kind === "edit" && <ItemFormDialog item={dialog.item} onClose={closeDialog} />}
      {dialog?.kind === "delete" && <DeleteItemDialog item={dialog.item} onClose={closeDialog} />}
    </>
  );
}
