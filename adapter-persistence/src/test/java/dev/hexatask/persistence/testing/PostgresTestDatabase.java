package dev.hexatask.persistence.testing;

import dev.hexatask.persistence.Migrations;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.Locale;
import java.util.UUID;

/**
 * Gives each test class a freshly migrated PostgreSQL database of its own, on one server shared by the whole JVM
 * (see {@link TestDatabaseServer} for which server). The migrations run once per JVM, into a template database;
 * each class's database is a copy of it, which takes milliseconds. Tests receive it as a {@link TestDatabase}
 * parameter (of a test, a {@code @BeforeAll} or {@code @BeforeEach} method, or a constructor).
 * <pre>{@code
 * @ExtendWith(PostgresTestDatabase.class)
 * class SomethingTest {
 *     @Test
 *     void works(TestDatabase database) { ... database.persistence().tasks() ... }
 * }
 * }</pre>
 */
public final class PostgresTestDatabase implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            PostgresTestDatabase.class);
    private static final String KEY = "database";

    private static String template;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(KEY, createDatabase());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestDatabase database = context.getStore(NAMESPACE).remove(KEY, TestDatabase.class);
        if (database != null) {
            dropDatabase(database);
        }
    }

    /** A new migrated database on the shared server, for use outside JUnit (a benchmark); drop it when done. */
    public static TestDatabase createDatabase() {
        TestDatabaseServer server = TestDatabaseServer.shared();
        String name = uniqueName("hexatask_test");
        server.execute("create database " + name + " template " + migratedTemplate(server));
        return new TestDatabase(server, name);
    }

    /** Closes the database's pools and drops it. */
    public static void dropDatabase(TestDatabase database) {
        database.close();
        TestDatabaseServer.shared().execute("drop database if exists " + database.name() + " with (force)");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        for (ExtensionContext current = context; current != null; current = current.getParent().orElse(null)) {
            TestDatabase database = current.getStore(NAMESPACE).get(KEY, TestDatabase.class);
            if (database != null) {
                return database;
            }
        }
        throw new IllegalStateException("no test database: use @ExtendWith(PostgresTestDatabase.class) on the class");
    }

    private static synchronized String migratedTemplate(TestDatabaseServer server) {
        if (template == null) {
            String name = uniqueName("hexatask_template");
            server.execute("create database " + name + " encoding 'UTF8' template template0");
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(server.jdbcUrl(name));
            dataSource.setUser(server.adminUser());
            dataSource.setPassword(server.adminPassword());
            Migrations.migrate(dataSource);
            template = name;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.execute("drop database if exists " + name);
                } catch (RuntimeException e) {
                    // The server may be gone already at shutdown: an embedded one takes its databases with it.
                }
            }));
        }
        return template;
    }

    private static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }
}
