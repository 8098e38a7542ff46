import { useQueryClient } from '@tanstack/react-query';
import { discardAllDrafts } from '../../lib/drafts';
import { useAuthSetup } from './AuthSetup';
import { managedLogoutUrl, redirectUri } from './userManager';

let signingOut = false;

/** While the browser leaves for the provider's sign-out, the guard must not start a sign-in. */
export function isSigningOut(): boolean {
  return signingOut;
}

/**
 * Ends the session at the provider too: its end_session_endpoint when discovery names one (the local provider),
 * else Cognito's /logout on the managed-login domain, which has none in discovery.
 */
export function useSignOut() {
  const { config, userManager } = useAuthSetup();
  const queryClient = useQueryClient();
  return async () => {
    signingOut = true;
    queryClient.clear();
    discardAllDrafts();
    const endSession = await userManager.metadataService.getEndSessionEndpoint().catch(() => undefined);
    if (endSession) {
      await userManager.signoutRedirect({ post_logout_redirect_uri: redirectUri() });
      return;
    }
    await userManager.removeUser();
    window.location.assign(managedLogoutUrl(config) ?? redirectUri());
  };
}
