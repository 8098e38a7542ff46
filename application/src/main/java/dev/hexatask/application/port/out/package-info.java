/**
 * The outbound ports: what the core needs from the world, each implemented by one driven adapter.
 *
 * <p>Most are called by the services. Two are not, and they live here on purpose: {@link
 * dev.hexatask.application.port.out.Authenticator} (with {@code AuthenticatedUser} and {@code AuthenticationResult})
 * and {@link dev.hexatask.application.port.out.DatabaseCredentials}. They are the core's statement of what it trusts
 * about the outside world (who is calling; how the store signs in), implemented by a driven adapter (adapter-jwt;
 * adapter-secrets or a URL) and consumed by another adapter on the core's behalf (adapter-rest asks who is calling
 * before it calls a use case; adapter-persistence signs in with the credentials). Adapters may not depend on each
 * other, so the contract between them is the core's: the same place the architecture gives every outbound port
 * ("repositories, clock, ids, credentials, authenticator"). {@link
 * dev.hexatask.application.port.out.StorageUnavailableException} is the failure every storage port may throw; the
 * services let it through to the transport. {@code HexagonRulesTest} in architecture-tests keeps exactly these
 * apart: a new outbound port that no service calls fails it until it is named there, with its reason.
 */
package dev.hexatask.application.port.out;
