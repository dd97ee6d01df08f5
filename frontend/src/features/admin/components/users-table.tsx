import { RowActions } from "@/components/row-actions";
import type { UserPublic } from "@/lib/api";

type Props = {
  users: UserPublic[];
  /** The signed-in superuser: the API refuses to delete their own account. */
  currentUserId: string | undefined;
  stale: boolean;
  onEdit: (user: UserPublic) => void;
  onDelete: (user: UserPublic) => void;
};

export function UsersTable({ users, currentUserId, stale, onEdit, onDelete }: Props) {
  return (
    <div className={stale ? "table-wrap stale" : "table-wrap"}>
      <table className="data-table users-table">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Full name</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col" className="actions">
              Actions
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td className="user-email-cell" data-label="Email">
                {user.email}
              </td>
              <td className="user-name" data-label="Full name">
                {user.full_name || <span className="muted">—</span>}
              </td>
              <td data-label="Role">
                <span className={user.is_superuser ? "badge badge-superuser" : "badge"}>
                  {user.is_superuser ? "Superuser" : "User"}
                </span>
              </td>
              <td data-label="Status">
                <span className={user.is_active ? "badge badge-active" : "badge badge-inactive"}>
                  {user.is_active ? "Active" : "Inactive"}
                </span>
              </td>
              <RowActions
                name={user.email}
                onEdit={() => onEdit(user)}
                onDelete={user.id === currentUserId ? undefined : () => onDelete(user)}
              />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
