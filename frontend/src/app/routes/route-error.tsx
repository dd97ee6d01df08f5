import { isRouteErrorResponse, useRouteError } from "react-router";

/** A page failed to render or load (for example its code after a deploy): offer a reload. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : "This page failed to load.";
  return (
    <div className="page-center">
      <div className="state-box" role="alert">
        <h1>Something went wrong</h1>
        <p>{message}</p>
        <button
          type="button"
          className="button button-primary"
          onClick={() => window.location.reload()}
        >
          Reload
        </button>
      </div>
    </div>
  );
}
