import { createContext, use, useMemo, type ReactNode } from 'react';
import { AuthProvider } from 'react-oidc-context';
import type { User, UserManager } from 'oidc-client-ts';
import type { AppConfig } from '../../lib/config';
import { safeReturnTo } from './returnTo';

interface AuthSetupValue {
  config: AppConfig;
  userManager: UserManager;
}

const AuthSetupContext = createContext<AuthSetupValue | null>(null);

export function useAuthSetup(): AuthSetupValue {
  const value = use(AuthSetupContext);
  if (value === null) throw new Error('useAuthSetup needs an AuthSetup');
  return value;
}

interface AuthSetupProps {
  config: AppConfig;
  userManager: UserManager;
  /** Called after the provider's redirect with the route to go back to; must replace the URL (no code left). */
  onSignedIn: (returnTo: string) => void;
  children: ReactNode;
}

export function AuthSetup({ config, userManager, onSignedIn, children }: AuthSetupProps) {
  const value = useMemo(() => ({ config, userManager }), [config, userManager]);
  const onSigninCallback = (user: User | undefined) => onSignedIn(safeReturnTo(user?.state));
  return (
    <AuthSetupContext value={value}>
      <AuthProvider userManager={userManager} onSigninCallback={onSigninCallback}>
        {children}
      </AuthProvider>
    </AuthSetupContext>
  );
}
