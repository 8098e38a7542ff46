export { AuthSetup, useAuthSetup } from './AuthSetup';
export { RequireAuth } from './RequireAuth';
export { LandingPage } from './LandingPage';
export { createSession } from './session';
export { createUserManager } from './userManager';
export { useSignOut } from './useSignOut';
