import { errorMessage } from "@/lib/api/errors";
import { Button } from "./button";

type Props = {
  title?: string;
  message?: string;
  error?: unknown;
  onRetry?: () => void;
};

/** A failed load, in place of the content that could not be shown. */
export function ErrorState({ title = "Something went wrong", message, error, onRetry }: Props) {
  return (
    <div className="state-box" role="alert">
      <h2>{title}</h2>
      <p>{message ?? errorMessage(error)}</p>
      {onRetry && <Button onClick={onRetry}>Try again</Button>}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="state-box">
      <h2>{title}</h2>
      {children}
    </div>
  );
}
