import type { UserManager } from 'oidc-client-ts';
import type { Session } from '../../lib/api/auth';
import { connectivity } from '../../lib/api/connectivity';
import { currentRoute, type SignInState } from './returnTo';

/** How long "Your session has ended" shows before the sign-in page replaces the app. */
const SESSION_ENDED_NOTICE_MS = 1500;

/**
 * The API client's view of the sign-in: the access token (never the ID token), renewal by the refresh-token grant,
 * and, when renewal fails, a redirect to sign in that comes back to the same route (forms keep their drafts).
 */
export function createSession(userManager: UserManager): Session {
  let renewing: Promise<string | null> | null = null;
  let leaving = false;

  const renew = () => {
    renewing ??= (async () => {
      try {
        const user = await userManager.getUser();
        if (!user?.refresh_token) return null;
        const renewed = await userManager.signinSilent();
        return renewed?.access_token ?? null;
      } catch {
        return null;
      } finally {
        renewing = null;
      }
    })();
    return renewing;
  };

  userManager.events.addAccessTokenExpiring(() => {
    void renew();
  });

  return {
    async accessToken() {
      const user = await userManager.getUser();
      if (user && !user.expired) return user.access_token;
      return renew();
    },
    renew,
    lost() {
      if (leaving) return;
      leaving = true;
      const state: SignInState = { returnTo: currentRoute() };
      // Say why the page is about to change before it does; the form draft stays in sessionStorage meanwhile.
      connectivity.sessionEnded();
      // This is the one redirect: the refused session stays stored until the sign-in replaces it, so the route
      // guard (which redirects when there is no session) does not start a second navigation that aborts this one.
      // Only if the redirect cannot start is the session dropped, and the guard then shows its own sign-in state.
      window.setTimeout(() => {
        userManager.signinRedirect({ state }).catch(() => userManager.removeUser());
      }, SESSION_ENDED_NOTICE_MS);
    },
  };
}
