/** The route a person asked for, carried through the sign-in in the OIDC state. Only the app's own paths. */
export interface SignInState {
  returnTo: string;
}

export function safeReturnTo(value: unknown): string {
  if (typeof value === 'object' && value !== null && 'returnTo' in value) {
    const returnTo = (value as SignInState).returnTo;
    if (typeof returnTo === 'string' && returnTo.startsWith('/') && !returnTo.startsWith('//')) {
      return returnTo;
    }
  }
  return '/tasks';
}

export function currentRoute(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`;
}
