import type { UserManager } from 'oidc-client-ts';
import type { Session } from '../../lib/api/auth';
import { currentRoute, type SignInState } from './returnTo';

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
      void userManager.removeUser().then(() => userManager.signinRedirect({ state }));
    },
  };
}
