package dev.hexatask.persistence;

import org.jooq.DSLContext;

import static dev.hexatask.persistence.jooq.Tables.CURSOR_SIGNING_KEY;

/**
 * The key that signs list cursors ({@code CursorCodec}), made at random by the first migration and kept in the
 * database: every instance of the API that uses one database shares it, and there is no other secret to manage.
 */
public final class PostgresCursorSecret {

    private final DSLContext db;

    public PostgresCursorSecret(DSLContext db) {
        this.db = db;
    }

    /** The key's bytes (at least 32, which the schema enforces). */
    public byte[] read() {
        return Jooq.run(() -> db.select(CURSOR_SIGNING_KEY.SECRET).from(CURSOR_SIGNING_KEY)
                .fetchOptional(CURSOR_SIGNING_KEY.SECRET)
                .orElseThrow(() -> new IllegalStateException(
                        "no cursor signing key: the database has not been migrated")));
    }
}
