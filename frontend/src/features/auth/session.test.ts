import type { UserManager } from 'oidc-client-ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectivity } from '../../lib/api/connectivity';
import { createSession } from './session';

function userManager(signinRedirect: () => Promise<void>) {
  return {
    events: { addAccessTokenExpiring: vi.fn() },
    getUser: vi.fn(async () => null),
    signinSilent: vi.fn(),
    signinRedirect: vi.fn(signinRedirect),
    removeUser: vi.fn(async () => undefined),
  };
}

describe('a session the API refused', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    window.history.replaceState(null, '', '/profile?tab=1');
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says so, then starts one redirect to sign in that comes back to the same route, keeping the session until then', async () => {
    const manager = userManager(async () => undefined);
    const session = createSession(manager as unknown as UserManager);

    session.lost();
    session.lost();
    expect(connectivity.hasSessionEnded()).toBe(true);
    expect(manager.signinRedirect).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(1500);
    expect(manager.signinRedirect).toHaveBeenCalledTimes(1);
    expect(manager.signinRedirect).toHaveBeenCalledWith({ state: { returnTo: '/profile?tab=1' } });
    // Removing it first would make the route guard start a second redirect that aborts this one.
    expect(manager.removeUser).not.toHaveBeenCalled();
  });

  it('drops the session when the redirect cannot start, so that the route guard takes over', async () => {
    const manager = userManager(async () => {
      throw new Error('the sign-in server cannot be reached');
    });
    const session = createSession(manager as unknown as UserManager);

    session.lost();
    await vi.advanceTimersByTimeAsync(1500);
    expect(manager.signinRedirect).toHaveBeenCalledTimes(1);
    expect(manager.removeUser).toHaveBeenCalledTimes(1);
  });
});
