package dev.hexatask.rest.handlers;

import dev.hexatask.application.port.in.GetProfileUseCase;
import dev.hexatask.application.port.in.ProfileChanges;
import dev.hexatask.application.port.in.UpdateProfileUseCase;
import dev.hexatask.application.port.out.AuthenticatedUser;
import dev.hexatask.rest.http.HttpResponse;
import dev.hexatask.rest.json.JsonObjectFields;
import dev.hexatask.rest.problem.Problem;

import dev.hexatask.rest.routing.Exchange;

import java.util.Set;

/** {@code GET /me} and {@code PUT /me}: identity from the token, preferences from the store. */
public final class ProfileHandlers {

    private static final Set<String> WRITABLE = Set.of("displayName", "timeZone");
    private static final Set<String> SERVER_OWNED = Set.of("sub", "username", "email", "createdAt", "updatedAt");

    private final GetProfileUseCase getProfile;
    private final UpdateProfileUseCase updateProfile;

    public ProfileHandlers(GetProfileUseCase getProfile, UpdateProfileUseCase updateProfile) {
        this.getProfile = getProfile;
        this.updateProfile = updateProfile;
    }

    public HttpResponse get(Exchange exchange) {
        AuthenticatedUser user = exchange.caller();
        return ResultResponses.render(getProfile.get(user.id()), exchange.requestId(),
                profile -> Responses.json(200, Representations.MeJson.of(user, profile)));
    }

    /** Replaces the preferences: a member left out is reset to its default, like one sent as {@code null}. */
    public HttpResponse put(Exchange exchange) {
        AuthenticatedUser user = exchange.caller();
        JsonObjectFields body = JsonBodies.read(exchange.request(), JsonBodies.JSON, WRITABLE, SERVER_OWNED);
        ProfileChanges changes = new ProfileChanges(body.string("displayName"), body.string("timeZone"));
        if (!body.violations().isEmpty()) {
            return Problem.invalid(body.violations()).toResponse(exchange.requestId());
        }
        return ResultResponses.render(updateProfile.update(user.id(), changes), exchange.requestId(),
                profile -> Responses.json(200, Representations.MeJson.of(user, profile)));
    }
}
