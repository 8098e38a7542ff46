package dev.hexatask.persistence;

import dev.hexatask.application.port.out.Profiles;
import dev.hexatask.domain.user.DisplayName;
import dev.hexatask.domain.user.TimeZonePreference;
import dev.hexatask.domain.user.UserId;
import dev.hexatask.domain.user.UserProfile;
import dev.hexatask.persistence.jooq.tables.records.UserProfilesRecord;
import org.jooq.DSLContext;

import java.util.Optional;

import static dev.hexatask.persistence.jooq.Tables.USER_PROFILES;

/** {@link Profiles} in PostgreSQL. */
public final class PostgresProfiles implements Profiles {

    private final DSLContext db;

    public PostgresProfiles(DSLContext db) {
        this.db = db;
    }

    @Override
    public Optional<UserProfile> find(UserId userId) {
        return Jooq.run(() -> db.selectFrom(USER_PROFILES)
                .where(USER_PROFILES.USER_ID.eq(userId.value()))
                .fetchOptional(PostgresProfiles::toProfile));
    }

    @Override
    public UserProfile insertIfAbsent(UserProfile profile) {
        // ON CONFLICT waits for a concurrent first insert of the same user, then leaves it be; the select that
        // follows reads whichever profile won.
        return Jooq.run(() -> db.insertInto(USER_PROFILES)
                .set(toRow(profile))
                .onConflict(USER_PROFILES.USER_ID).doNothing()
                .returning()
                .fetchOptional(PostgresProfiles::toProfile)
                .orElseGet(() -> db.selectFrom(USER_PROFILES)
                        .where(USER_PROFILES.USER_ID.eq(profile.userId().value()))
                        .fetchSingle(PostgresProfiles::toProfile)));
    }

    @Override
    public void update(UserProfile profile) {
        int updated = Jooq.run(() -> db.update(USER_PROFILES)
                .set(toRow(profile))
                .where(USER_PROFILES.USER_ID.eq(profile.userId().value()))
                .execute());
        if (updated == 0) {
            throw new IllegalStateException("no profile to update for the user");
        }
    }

    private UserProfilesRecord toRow(UserProfile profile) {
        UserProfilesRecord row = db.newRecord(USER_PROFILES);
        row.setUserId(profile.userId().value());
        row.setDisplayName(profile.displayName().map(DisplayName::value).orElse(null));
        row.setTimeZone(profile.timeZone().name());
        row.setCreatedAt(TaskRows.timestamp(profile.createdAt()));
        row.setUpdatedAt(TaskRows.timestamp(profile.updatedAt()));
        return row;
    }

    private static UserProfile toProfile(UserProfilesRecord row) {
        return new UserProfile(UserId.of(row.getUserId()),
                Optional.ofNullable(row.getDisplayName()).map(DisplayName::of),
                TimeZonePreference.of(row.getTimeZone()),
                row.getCreatedAt().toInstant(), row.getUpdatedAt().toInstant());
    }
}
