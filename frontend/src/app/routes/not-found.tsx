import { Link } from "react-router";
import { useDocumentTitle } from "@/lib/use-document-title";

export function NotFoundPage() {
  useDocumentTitle("Page not found");
  return (
    <div className="state-box">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <Link to="/">Back to the dashboard</Link>
    </div>
  );
}
