import type { UserPublic } from "@/lib/api";

/** The signed-in user of the tests: Ann, an ordinary user unless asked otherwise. */
export function testUser(is_superuser = false): UserPublic {
  return {
    id: "0b6c1f4e-8d4c-4a4e-9d55-2f1b8f0b7a10",
    email: "ann@example.com",
    full_name: "Ann",
    is_active: true,
    is_superuser,
    created_at: "2025-01-01T00:00:00Z",
  };
}
