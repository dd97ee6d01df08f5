// The items endpoints, in memory (src/test/fake-rows-api.ts), with the API's
// partial update: a field sent as null is left as it was.
import type { ItemPublic } from "@/lib/api";
import { fakeCreatedAt, fakeId, fakeRowsApi, OWNER_ID } from "@/test/fake-rows-api";

/** `count` items, newest first: "Item 1" is the newest. */
export function makeItems(count: number): ItemPublic[] {
  return Array.from({ length: count }, (_, index) => ({
    id: fakeId(index + 1),
    owner_id: OWNER_ID,
    title: `Item ${index + 1}`,
    description: index % 2 === 0 ? `About item ${index + 1}` : null,
    created_at: fakeCreatedAt(index),
  }));
}

export function fakeItemsApi(initial: ItemPublic[]) {
  const api = fakeRowsApi("items", initial, {
    update: (item, body) => {
      const changes = Object.entries(body).filter(([, value]) => value !== null);
      return { ...item, ...Object.fromEntries(changes) };
    },
  });
  return { ...api, items: api.rows };
}
