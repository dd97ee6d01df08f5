import { useId } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { Link } from "react-router";
import { Button } from "@/components/button";
import { Spinner } from "@/components/spinner";
import { errorMessage } from "@/lib/api/errors";

type Props = {
  title: string;
  count: UseQueryResult<number, unknown>;
  link: { to: string; label: string };
};

/** A card with a heading, a number read from the API, and where to go for more. */
export function StatCard({ title, count, link }: Props) {
  const headingId = useId();
  return (
    <section className="card stat-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {count.isPending ? (
        <Spinner label={`Loading ${title.toLowerCase()}`} />
      ) : count.isError ? (
        <div className="stat-error">
          <p className="muted">{errorMessage(count.error)}</p>
          <Button onClick={() => void count.refetch()}>Try again</Button>
        </div>
      ) : (
        <p className="stat">{count.data}</p>
      )}
      <Link to={link.to}>{link.label}</Link>
    </section>
  );
}
