import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { PAGE_SIZE } from "@/lib/use-list-page";
import { useKeepPageInRange, type usePageParam } from "@/lib/use-page-param";
import { ErrorState } from "./error-state";
import { Pagination } from "./pagination";
import { Spinner } from "./spinner";

type Props<Row> = {
  /** The page's query: `{ data, count }`, as every list of the API answers. */
  list: UseQueryResult<{ data: Row[]; count: number }, unknown>;
  page: ReturnType<typeof usePageParam>;
  /** PAGE_SIZE unless told. */
  pageSize?: number;
  /** The records, in words: "items" ("Loading items", "Could not load your items"). */
  words: string;
  /** Shown when there are none at all. */
  empty: ReactNode;
  /** The page's records; `stale` while the next page loads and these are still shown. */
  children: (rows: Row[], stale: boolean) => ReactNode;
};

/**
 * One page of a list, kept in the URL (`?page=2`): a spinner, the error with
 * a retry, the empty state, or the records and the pagination.
 */
export function PagedList<Row>({
  list,
  page,
  pageSize = PAGE_SIZE,
  words,
  empty,
  children,
}: Props<Row>) {
  const [current, setPage] = page;
  useKeepPageInRange(page, list.isPlaceholderData ? undefined : list.data?.count, pageSize);

  if (list.isPending) {
    return (
      <div className="list-loading">
        <Spinner label={`Loading ${words}`} />
      </div>
    );
  }
  if (list.isError && !list.data) {
    return (
      <ErrorState
        title={`Could not load your ${words}`}
        error={list.error}
        onRetry={() => void list.refetch()}
      />
    );
  }
  if (list.data.count === 0) return empty;
  return (
    <>
      {children(list.data.data, list.isPlaceholderData)}
      <Pagination
        page={current}
        pageSize={pageSize}
        total={list.data.count}
        onPageChange={setPage}
      />
    </>
  );
}
