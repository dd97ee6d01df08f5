import { useCallback } from "react";
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
