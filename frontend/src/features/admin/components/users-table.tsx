import { DataTable, type Column } from "@/components/data-table";
import { TextValue } from "@/components/value";
import type { UserPublic } from "@/lib/api";

const columns: Column<UserPublic>[] = [
  { label: "Email", cell: (user) => user.email, className: "user-email-cell" },
  {
    label: "Full name",
    cell: (user) => <TextValue value={user.full_name} />,
    className: "user-name",
  },
  {
    label: "Role",
    cell: (user) => (
      <span className={user.is_superuser ? "badge badge-superuser" : "badge"}>
        {user.is_superuser ? "Superuser" : "User"}
      </span>
    ),
  },
  {
    label: "Status",
    cell: (user) => (
      <span className={user.is_active ? "badge badge-active" : "badge badge-inactive"}>
        {user.is_active ? "Active" : "Inactive"}
      </span>
    ),
  },
];

type Props = {
  users: UserPublic[];
  /** The signed-in superuser: the API refuses to delete their own account. */
  currentUserId: string | undefined;
  stale: boolean;
  onEdit: (user: UserPublic) => void;
  onDelete: (user: UserPublic) => void;
};

export function UsersTable({ users, currentUserId, ...rest }: Props) {
  return (
    <DataTable
      rows={users}
      columns={columns}
      rowName={(user) => user.email}
      className="users-table"
      canDelete={(user) => user.id !== currentUserId}
      {...rest}
    />
  );
}
