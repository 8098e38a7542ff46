/**
 * Test support published in this module's test-jar: a local identity provider with real keys and a real JWKS
 * endpoint, for any module's tests that need genuine bearer tokens.
 */
package dev.hexatask.jwt.testing;
