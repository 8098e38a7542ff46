import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useAuth } from 'react-oidc-context';
import { useLocation } from 'react-router';
import { ErrorState } from '../../components/ErrorState';
import { PageSkeleton } from '../../components/Skeleton';
import { useSignIn } from './useSignIn';
import { isSigningOut } from './useSignOut';

/**
 * Every page but the landing page needs a session. An expired one is renewed with its refresh token first (no trip
 * to the provider); without one the person signs in and comes back to this route.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  const { signIn } = useSignIn();
  const [renewFailed, setRenewFailed] = useState(false);
  const renewStarted = useRef(false);
  const returnTo = `${location.pathname}${location.search}${location.hash}`;
  const leaving = isSigningOut();
  const idle = !auth.isLoading && !auth.isAuthenticated && !auth.activeNavigator && !leaving;
  const canRenew = idle && !auth.error && !renewFailed && Boolean(auth.user?.refresh_token);
  const mustSignIn = idle && !canRenew && (!auth.error || renewFailed);

  useEffect(() => {
    if (!canRenew || renewStarted.current) return;
    renewStarted.current = true;
    auth.signinSilent().then(
      (user) => user === null && setRenewFailed(true),
      () => setRenewFailed(true),
    );
    // auth is a new object on each render; the renewal must start once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [canRenew]);

  useEffect(() => {
    if (mustSignIn) void signIn(returnTo);
    // signIn is a new function on each render; the redirect must start once per route.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mustSignIn, returnTo]);

  if (leaving) return <PageSkeleton label="Signing you out…" />;
  if (auth.error && !auth.isAuthenticated && !renewFailed) {
    return (
      <ErrorState
        title="Sign-in did not complete"
        message={auth.error.message}
        onRetry={() => void signIn(returnTo)}
        retryLabel="Sign in again"
      />
    );
  }
  if (!auth.isAuthenticated) {
    return <PageSkeleton label="Signing you in…" />;
  }
  return children;
}
