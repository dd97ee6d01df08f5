// An in-memory stand-in for the items endpoints, so a test sees its changes
// come back in the next list request, as they would from the real API.
import { http, HttpResponse } from "msw";
import type { ItemPublic } from "@/lib/api";
import { server } from "@/test/server";

const OWNER_ID = "00000000-0000-4000-8000-999999999999";

export type Sent = { method: string; url: URL; body?: unknown };

/** `count` items, newest first: "Item 1" is the newest. */
export function makeItems(count: number): ItemPublic[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `00000000-0000-4000-8000-${String(index + 1).padStart(12, "0")}`,
    owner_id: OWNER_ID,
    title: `Item ${index + 1}`,
    description: index % 2 === 0 ? `About item ${index + 1}` : null,
    created_at: new Date(Date.UTC(2025, 0, 31 - index, 9, 30)).toISOString(),
  }));
}

export function fakeItemsApi(initial: ItemPublic[]) {
  const items = [...initial];
  const sent: Sent[] = [];
  const notFound = () =>
    HttpResponse.json(
      { type: "about:blank", title: "Not Found", status: 404, detail: "Item not found" },
      { status: 404 },
    );

  server.use(
    http.get("/api/v1/items", ({ request }) => {
      const url = new URL(request.url);
      sent.push({ method: "GET", url });
      const skip = Number(url.searchParams.get("skip") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 100);
      return HttpResponse.json({ data: items.slice(skip, skip + limit), count: items.length });
    }),
    http.post("/api/v1/items", async ({ request }) => {
      const body = (await request.json()) as { title: string; description?: string | null };
      sent.push({ method: "POST", url: new URL(request.url), body });
      const item: ItemPublic = {
        id: crypto.randomUUID(),
        owner_id: OWNER_ID,
        title: body.title,
        description: body.description ?? null,
        created_at: new Date().toISOString(),
      };
      items.unshift(item);
      return HttpResponse.json(item, { status: 201 });
    }),
    http.put("/api/v1/items/:id", async ({ request, params }) => {
      const body = (await request.json()) as Partial<ItemPublic>;
      sent.push({ method: "PUT", url: new URL(request.url), body });
      const index = items.findIndex((item) => item.id === params.id);
      const existing = items[index];
      if (!existing) return notFound();
      // Like the API, a null field is left as it was.
      const changes = Object.entries(body).filter(([, value]) => value !== null);
      const updated = { ...existing, ...Object.fromEntries(changes) };
      items[index] = updated;
      return HttpResponse.json(updated);
    }),
    http.delete("/api/v1/items/:id", ({ request, params }) => {
      sent.push({ method: "DELETE", url: new URL(request.url) });
      const index = items.findIndex((item) => item.id === params.id);
      if (index < 0) return notFound();
      items.splice(index, 1);
      return HttpResponse.json({ message: "Item deleted successfully" });
    }),
  );

  return {
    items,
    sent,
    /** The requests made with `method`, oldest first. */
    requests: (method: string) => sent.filter((request) => request.method === method),
  };
}
