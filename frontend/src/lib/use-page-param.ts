import { useCallback, useEffect } from "react";
import { useSearchParams } from "react-router";

/**
 * The page number kept in the URL (`?page=2`), so reload, back and shared
 * links land on the same page. Anything but a positive integer means page 1.
 */
export function usePageParam() {
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get("page"));
  const page = Number.isSafeInteger(raw) && raw >= 1 ? raw : 1;

  const setPage = useCallback(
    (next: number, options?: { replace?: boolean }) => {
      setParams((current) => {
        const updated = new URLSearchParams(current);
        if (next <= 1) updated.delete("page");
        else updated.set("page", String(next));
        return updated;
      }, options);
    },
    [setParams],
  );

  return [page, setPage] as const;
}

/**
 * A page past the end (its last row was just deleted, or an old link) moves
 * to the last page that exists, replacing the history entry so Back skips
 * it. `total` is the list's count, or undefined while unknown or stale.
 */
export function useKeepPageInRange(
  [page, setPage]: ReturnType<typeof usePageParam>,
  total: number | undefined,
  pageSize: number,
) {
  useEffect(() => {
    if (total === undefined) return;
    const lastPage = Math.max(1, Math.ceil(total / pageSize));
    if (page > lastPage) setPage(lastPage, { replace: true });
  }, [page, setPage, total, pageSize]);
}
