package dev.hexatask.persistence;

import dev.hexatask.application.port.out.DatabaseCredentials.Credentials;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static dev.hexatask.persistence.testing.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The role the API signs in as, on real PostgreSQL: it reads and writes the data (the repository contracts and the
 * REST contract suite run as it too) and can change nothing else. PostgreSQL answers a refused privilege with
 * SQLSTATE 42501 (insufficient_privilege), "must be owner" included.
 */
@ExtendWith(PostgresTestDatabase.class)
class ApplicationRoleTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final TestDatabase database;

    ApplicationRoleTest(TestDatabase database) {
        this.database = database;
    }

    @Test
    void theRoleIsNoSuperuserOwnsNothingAndBelongsToNoOtherRole() throws SQLException {
        database.applicationCredentials();
        try (Connection owner = database.connect(); Statement statement = owner.createStatement()) {
            assertThat(single(statement, "select rolsuper or rolcreatedb or rolcreaterole or rolreplication "
                    + "or rolbypassrls from pg_roles where rolname = 'hexatask_app'")).isEqualTo("f");
            assertThat(single(statement, "select count(*) from pg_class c join pg_roles r on r.oid = c.relowner "
                    + "where r.rolname = 'hexatask_app'")).isEqualTo("0");
            assertThat(single(statement, "select count(*) from pg_auth_members m join pg_roles r on r.oid = m.member "
                    + "where r.rolname = 'hexatask_app'")).isEqualTo("0");
        }
    }

    @Test
    void theApplicationRoleReadsAndWritesEveryTableTheApiUses() {
        try (PostgresPersistence persistence = PostgresPersistence.start(database.settings(),
                database.applicationCredentials())) {
            var task = aTask().build();
            persistence.transactions().inTransaction(() -> {
                persistence.tasks().insert(task);
                return null;
            });
            assertThat(persistence.transactions().inTransaction(() -> persistence.tasks().find(task.owner(),
                    task.id()))).contains(task);
            assertThat(persistence.cursorSecret().read()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(persistence.health().isReachable()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "drop table tasks",
            "alter table tasks add column spare text",
            "alter table user_profiles drop constraint user_profiles_pk",
            "create table spare (id int)",
            "create index spare on tasks (title)",
            "create schema spare",
            "create function spare() returns int language sql as 'select 1'",
            "truncate tasks",
            "select * from pg_authid",
            "select * from flyway_schema_history",
            "update cursor_signing_key set secret = sha256('x')",
            "delete from cursor_signing_key",
            "comment on table tasks is 'spare'",
            "alter table tasks owner to hexatask_app",
            "create role spare",
            "alter role hexatask_app superuser",
            "set role postgres"})
    void theApplicationRoleIsRefusedEverythingElse(String sql) {
        assertThatThrownBy(() -> executeAsApplication(sql))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                        .as(sql + ": " + e.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }

    @Test
    void theAlternateUserOfTheRotationSignsInWithTheRolesGrantsAndNoMore() throws SQLException {
        String password = "clone-" + UUID.randomUUID();
        ApplicationRole.allowSignIn(owner(), new Credentials(ApplicationRole.ALTERNATE, password));
        // Twice, as on every deploy: the second time changes nothing.
        ApplicationRole.allowSignIn(owner(), new Credentials(ApplicationRole.ALTERNATE, password));

        try (Connection clone = DriverManager.getConnection(database.jdbcUrl(), ApplicationRole.ALTERNATE, password);
             Statement statement = clone.createStatement()) {
            assertThat(single(statement, "select count(*) >= 0 from tasks")).isEqualTo("t");
            assertThatThrownBy(() -> statement.execute("drop table tasks"))
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
        }
    }

    @Test
    void anOwnerThatMayNotCreateRolesStillMigratesAndGrantsTheRoleWhereItExists() throws SQLException {
        String owner = "owner_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String name = "plain_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        database.executeOnServer("create role " + owner + " login password 'owner-pw' nocreaterole");
        database.executeOnServer("create database " + name + " owner " + owner
                + " encoding 'UTF8' template template0");
        String url = database.jdbcUrl().replace("/" + database.name(), "/" + name);
        // The role exists on this server (the test databases made it), so the migration grants it; where it does not
        // (bin/dev's own server, whose owner has no CREATEROLE), it is skipped, which the local stack's tests run.
        try (PostgresPersistence persistence = PostgresPersistence.start(
                DatabaseSettings.forServer(url).withPoolSize(2), UrlDatabaseCredentials.of(url, owner, "owner-pw"))) {
            assertThat(persistence.migrate()).isEqualTo(database.persistence().migrate());
        }
        try (Connection connection = DriverManager.getConnection(url, owner, "owner-pw");
             Statement statement = connection.createStatement()) {
            assertThat(single(statement, "select has_table_privilege('hexatask_app', 'tasks', 'INSERT')"))
                    .isEqualTo("t");
        }
    }

    @Test
    void neverTouchesARoleThatIsNotTheApplications() {
        String owner = database.credentials().current().username();
        assertThatThrownBy(() -> ApplicationRole.allowSignIn(owner(), new Credentials(owner, "taken-over")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hexatask_app");
        assertThatThrownBy(() -> ApplicationRole.allowSignIn(owner(),
                new Credentials("hexatask_app; drop table tasks", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void executeAsApplication(String sql) throws SQLException {
        var credentials = database.applicationCredentials().current();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), credentials.username(),
                credentials.password()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private PGSimpleDataSource owner() {
        var owner = new PGSimpleDataSource();
        owner.setUrl(database.jdbcUrl());
        owner.setUser(database.credentials().current().username());
        owner.setPassword(database.credentials().current().password());
        return owner;
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
