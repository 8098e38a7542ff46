import {
  OidcClient,
  UserManager,
  WebStorageStateStore,
  type INavigator,
  type UserManagerSettings,
} from 'oidc-client-ts';
import type { AppConfig } from '../../lib/config';

/** Where the app sends the browser: a full-page navigation (the provider's pages cannot be framed). */
export const pageNavigator: INavigator = {
  async prepare() {
    return {
      navigate: async ({ url }) => {
        window.location.assign(url);
        // The page is leaving; nothing after this runs.
        return new Promise<never>(() => {});
      },
      close: () => {},
    };
  },
  async callback() {},
};

/** The provider's redirects come back to the app's root; Cognito's app client lists exactly this URL. */
export function redirectUri(): string {
  return `${window.location.origin}/`;
}

export function userManagerSettings(config: AppConfig): UserManagerSettings {
  return {
    authority: config.auth.authority,
    client_id: config.auth.clientId,
    redirect_uri: redirectUri(),
    post_logout_redirect_uri: redirectUri(),
    response_type: 'code',
    scope: config.auth.scopes,
    // Tokens and the sign-in's PKCE state live for the tab only, never in localStorage.
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // Renewal is the refresh-token grant, started by session.ts: the iframe flows are refused by the CSP
    // (frame-ancestors 'none' at the provider, no frame-src here), and so is session monitoring.
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
    accessTokenExpiringNotificationTimeInSeconds: 60,
  };
}

export function createUserManager(config: AppConfig, navigator: INavigator = pageNavigator): UserManager {
  return new UserManager(userManagerSettings(config), navigator);
}

/**
 * Cognito's managed sign-up page takes the same request as its authorize endpoint; the request is made (and its
 * PKCE state stored) by oidc-client-ts, so the callback completes the sign-in as usual. Without a managed-login
 * domain (the local stack) the sign-in page is where new users start too.
 */
export async function signUpUrl(config: AppConfig, returnTo: string): Promise<string | null> {
  const domain = config.auth.managedLoginDomain;
  if (domain === null) return null;
  const client = new OidcClient(userManagerSettings(config));
  const request = await client.createSigninRequest({ state: { returnTo }, request_type: 'si:r' });
  const url = new URL(request.url);
  return `${domain}/signup${url.search}`;
}

/** Cognito's sign-out on its managed-login domain (its discovery names no end_session_endpoint). */
export function managedLogoutUrl(config: AppConfig): string | null {
  const domain = config.auth.managedLoginDomain;
  if (domain === null) return null;
  const logout = new URL(`${domain}/logout`);
  logout.searchParams.set('client_id', config.auth.clientId);
  logout.searchParams.set('logout_uri', redirectUri());
  return logout.toString();
}
