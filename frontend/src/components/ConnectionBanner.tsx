import { SessionExpiredError } from '../lib/api/errors';
import { useOnline, useReconnecting, useSessionEnded } from '../lib/api/connectivity';

/**
 * Offline, waiting to retry after the API did not answer, or a session that ended: said at the top of every page.
 */
export function ConnectionBanner() {
  const online = useOnline();
  const reconnecting = useReconnecting();
  const sessionEnded = useSessionEnded();
  if (sessionEnded) {
    return (
      <div className="banner banner-warning" role="status">
        {new SessionExpiredError().message}
      </div>
    );
  }
  if (online && !reconnecting) return null;
  return (
    <div className={`banner ${online ? 'banner-warning' : 'banner-offline'}`} role="status">
      {online
        ? 'Reconnecting… Hexatask is not answering; your request will be retried.'
        : 'You are offline. Hexatask will reconnect when your connection is back.'}
    </div>
  );
}
