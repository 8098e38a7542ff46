package dev.hexatask.persistence;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/** Brings the schema up to date with the Flyway scripts in {@code db/migration}. */
public final class Migrations {

    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /** Applies what is pending; returns the schema's version afterwards (such as {@code "1"}). */
    public static String migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .validateMigrationNaming(true)
                .load();
        MigrateResult result = flyway.migrate();
        if (result.targetSchemaVersion != null) {
            return result.targetSchemaVersion;
        }
        MigrationVersion current = flyway.info().current() == null ? null : flyway.info().current().getVersion();
        return current == null ? "" : current.getVersion();
    }
}
