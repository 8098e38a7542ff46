package dev.hexatask.application.service;

import dev.hexatask.application.port.in.GetProfileUseCase;
import dev.hexatask.application.port.in.ProfileChanges;
import dev.hexatask.application.port.in.Result;
import dev.hexatask.application.port.in.UpdateProfileUseCase;
import dev.hexatask.application.port.out.Profiles;
import dev.hexatask.application.port.out.Transactions;
import dev.hexatask.domain.user.DisplayName;
import dev.hexatask.domain.user.TimeZonePreference;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.domain.user.UserProfile;
import dev.hexatask.domain.validation.Validation;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/** The profile use cases; a profile springs into being, with the defaults, the first time it is read. */
@Singleton
public final class ProfileService implements GetProfileUseCase, UpdateProfileUseCase {

    private final Profiles profiles;
    private final Transactions transactions;
    private final Clock clock;

    @Inject
    public ProfileService(Profiles profiles, Transactions transactions, Clock clock) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result<UserProfile> get(UserId caller) {
        // A read, or a first insert that is one statement (it leaves a concurrent first insert be): no transaction.
        return transactions.withoutTransaction(() -> Result.success(findOrCreate(caller)));
    }

    @Override
    public Result<UserProfile> update(UserId caller, ProfileChanges changes) {
        Objects.requireNonNull(changes, "changes");
        Validation validation = new Validation();
        Optional<DisplayName> displayName = changes.displayName() == null ? Optional.empty()
                : Optional.ofNullable(validation.check(() -> DisplayName.of(changes.displayName())));
        TimeZonePreference timeZone = changes.timeZone() == null ? TimeZonePreference.UTC
                : validation.check(() -> TimeZonePreference.of(changes.timeZone()));
        if (!validation.isValid()) {
            return Result.invalid(validation.violations());
        }
        return transactions.inTransaction(() -> {
            UserProfile current = findOrCreate(caller);
            UserProfile changed = current.withPreferences(displayName, timeZone, now(current));
            profiles.update(changed);
            return Result.success(changed);
        });
    }

    private UserProfile findOrCreate(UserId caller) {
        return profiles.find(caller).orElseGet(() -> profiles.insertIfAbsent(UserProfile.defaults(caller, now(null))));
    }

    private Instant now(UserProfile current) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return current != null && now.isBefore(current.updatedAt()) ? current.updatedAt() : now;
    }
}
