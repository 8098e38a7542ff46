import { SessionExpiredError } from './errors';
import type { Fetch } from './retry';

/** What the API client needs from the sign-in: the access token, a renewal, and a way out when both fail. */
export interface Session {
  accessToken(): Promise<string | null>;
  /** Renews the session (refresh-token grant) and returns the new access token, or null when it cannot. */
  renew(): Promise<string | null>;
  /** The session is gone: send the person to sign in, back to where they are. */
  lost(): void;
}

function withToken(request: Request, token: string): Request {
  const authorized = new Request(request);
  authorized.headers.set('Authorization', `Bearer ${token}`);
  return authorized;
}

/** Sends the access token; a 401 triggers one renewal and one retry, then the way to sign in. */
export function withAuth(next: Fetch, session: Session): Fetch {
  return async (request) => {
    const token = await session.accessToken();
    if (token === null) {
      session.lost();
      throw new SessionExpiredError();
    }
    const spare = request.clone();
    const response = await next(withToken(request, token));
    if (response.status !== 401) return response;
    const renewed = await session.renew();
    if (renewed === null) {
      session.lost();
      throw new SessionExpiredError();
    }
    const retried = await next(withToken(spare, renewed));
    if (retried.status === 401) {
      session.lost();
      throw new SessionExpiredError();
    }
    return retried;
  };
}
