import { useOnline, useReconnecting } from '../lib/api/connectivity';

/** Offline, or waiting to retry after the API did not answer: said at the top of every page. */
export function ConnectionBanner() {
  const online = useOnline();
  const reconnecting = useReconnecting();
  if (online && !reconnecting) return null;
  return (
    <div className={`banner ${online ? 'banner-warning' : 'banner-offline'}`} role="status">
      {online
        ? 'Reconnecting… Hexatask is not answering; your request will be retried.'
        : 'You are offline. Hexatask will reconnect when your connection is back.'}
    </div>
  );
}
