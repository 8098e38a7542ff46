/**
 * The JWT adapter: verifies Cognito-shaped bearer access tokens with Nimbus JOSE+JWT against the identity
 * provider's published signing keys, for the application's {@code Authenticator} port.
 */
package dev.hexatask.jwt;
