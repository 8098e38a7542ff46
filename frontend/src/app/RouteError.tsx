import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ErrorState } from '../components/ErrorState';

/** A page that failed to render or load (a new release replaced its chunk, say): offer a reload. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : 'This page could not be shown. Reloading usually fixes it.';
  return (
    <main id="main" className="main">
      <ErrorState title="Something went wrong" message={message} onRetry={() => window.location.reload()} retryLabel="Reload" />
    </main>
  );
}
