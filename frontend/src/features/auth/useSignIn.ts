import { useAuth } from 'react-oidc-context';
import { useAuthSetup } from './AuthSetup';
import { signUpUrl } from './userManager';
import type { SignInState } from './returnTo';

export function useSignIn() {
  const auth = useAuth();
  const { config } = useAuthSetup();
  return {
    signIn: (returnTo: string) => auth.signinRedirect({ state: { returnTo } satisfies SignInState }),
    signUp: async (returnTo: string) => {
      const url = await signUpUrl(config, returnTo);
      if (url === null) {
        await auth.signinRedirect({ state: { returnTo } satisfies SignInState });
      } else {
        window.location.assign(url);
      }
    },
  };
}
