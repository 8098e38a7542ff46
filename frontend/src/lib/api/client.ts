import createClient from 'openapi-fetch';
import type { paths } from './schema.gen';
import { withAuth, type Session } from './auth';
import { defaultRetryPolicy, withRetry, type Fetch, type RetryPolicy } from './retry';
import { NetworkError } from './errors';

export type ApiClient = ReturnType<typeof createApiClient>;

export interface ApiClientOptions {
  baseUrl: string;
  session: Session;
  retry?: RetryPolicy;
  fetch?: Fetch;
}

/** The one way the app talks to the API: typed from openapi.yaml, authorized, retried, errors made readable. */
export function createApiClient({ baseUrl, session, retry = defaultRetryPolicy, fetch: send }: ApiClientOptions) {
  const network: Fetch = async (request) => {
    try {
      return await (send ?? globalThis.fetch)(request);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new NetworkError(error);
    }
  };
  const client = createClient<paths>({
    baseUrl,
    fetch: withAuth(withRetry(network, retry), session),
  });
  return Object.assign(client, { baseUrl });
}

/**
 * The URL a 201's Location names. The API sends it relative to the request URI (`tasks/{id}` for `POST …/tasks`),
 * so it is resolved against that, not against the page.
 */
export function resolveLocation(location: string, requestUrl: string): string {
  return new URL(location, requestUrl).toString();
}
