import { useState } from "react";
import { Button } from "@/components/button";
import { EmptyState, ErrorState } from "@/components/error-state";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { Spinner } from "@/components/spinner";
import type { UserPublic } from "@/lib/api";
import { useCurrentUser } from "@/lib/auth/current-user";
import { useDocumentTitle } from "@/lib/use-document-title";
import { USERS_PAGE_SIZE, useUsersPage } from "../api/get-users";
import { useKeepPageInRange, usePageParam } from "@/lib/use-page-param";
import { DeleteUserDialog } from "./delete-user-dialog";
import { UserFormDialog } from "./user-form-dialog";
import { UsersTable } from "./users-table";
import "../admin.css";

type Dialog =
  | { kind: "add" }
  | { kind: "edit"; user: UserPublic }
  | { kind: "delete"; user: UserPublic }
  | null;

/** Every user, for superusers (the route's guard keeps others out). */
export default function AdminPage() {
  useDocumentTitle("Users");
  const me = useCurrentUser().data;
  const pageParam = usePageParam();
  const [page, setPage] = pageParam;
  const users = useUsersPage(page);
  const [dialog, setDialog] = useState<Dialog>(null);
  useKeepPageInRange(
    pageParam,
    users.isPlaceholderData ? undefined : users.data?.count,
    USERS_PAGE_SIZE,
  );

  const close = () => setDialog(null);

  return (
    <>
      <PageHeader
        title="Users"
        actions={
          <Button variant="primary" onClick={() => setDialog({ kind: "add" })}>
            Add user
          </Button>
        }
      />
      {users.isPending ? (
        <div className="list-loading">
          <Spinner label="Loading users" />
        </div>
      ) : users.isError && !users.data ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : !users.data?.data.length ? (
        <EmptyState title="No users here">
          <p className="muted">There are no users on this page.</p>
        </EmptyState>
      ) : (
        <>
          <UsersTable
            users={users.data.data}
            currentUserId={me?.id}
            stale={users.isPlaceholderData}
            onEdit={(user) => setDialog({ kind: "edit", user })}
            onDelete={(user) => setDialog({ kind: "delete", user })}
          />
          <Pagination
            page={page}
            pageSize={USERS_PAGE_SIZE}
            total={users.data.count}
            onPageChange={setPage}
          />
        </>
      )}
      {dialog?.kind === "add" && <UserFormDialog onClose={close} />}
      {dialog?.kind === "edit" && <UserFormDialog user={dialog.user} onClose={close} />}
      {dialog?.kind === "delete" && <DeleteUserDialog user={dialog.user} onClose={close} />}
    </>
  );
}
