package dev.hexatask.persistence;

import dev.hexatask.persistence.jooq.DefaultSchema;
import dev.hexatask.persistence.testing.PostgresTestDatabase;
import dev.hexatask.persistence.testing.TestDatabase;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Index;
import org.jooq.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jOOQ classes are generated from the migration scripts by jOOQ's parser, which skips what it cannot read
 * ({@code [jooq ignore]} blocks). This compares them with what PostgreSQL made of the same scripts: a column, type,
 * nullability, key or index that differs fails the build.
 */
@ExtendWith(PostgresTestDatabase.class)
class GeneratedCodeMatchesSchemaTest {

    private static final String COLUMNS = """
            select c.table_name, c.column_name, c.data_type, c.udt_name, c.character_maximum_length, c.is_nullable
            from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
            where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
              and c.table_name <> 'flyway_schema_history'
            order by c.table_name, c.ordinal_position""";

    private static final String PRIMARY_KEYS = """
            select tc.table_name, tc.constraint_name, k.column_name
            from information_schema.table_constraints tc
            join information_schema.key_column_usage k
              on k.constraint_schema = tc.constraint_schema and k.constraint_name = tc.constraint_name
            where tc.table_schema = 'public' and tc.constraint_type = 'PRIMARY KEY'
              and tc.table_name <> 'flyway_schema_history'
            order by tc.table_name, k.ordinal_position""";

    private static final String INDEXES = """
            select tablename, indexname from pg_indexes
            where schemaname = 'public' and tablename <> 'flyway_schema_history'""";

    @Test
    void every_table_and_column_has_the_type_and_nullability_of_the_migrated_database(TestDatabase database)
            throws SQLException {
        List<String> generated = new ArrayList<>();
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            for (Field<?> field : table.fields()) {
                generated.add(table.getName() + "." + field.getName() + " " + describe(field.getDataType()));
            }
        }

        List<String> migrated = query(database, COLUMNS, row -> row.getString(1) + "." + row.getString(2) + " "
                + describe(row.getString(3), row.getString(4), (Integer) row.getObject(5),
                "YES".equals(row.getString(6))));

        assertThat(generated).containsExactlyInAnyOrderElementsOf(migrated);
    }

    @Test
    void every_primary_key_matches(TestDatabase database) throws SQLException {
        List<String> generated = new ArrayList<>();
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            for (Field<?> field : table.getPrimaryKey().getFields()) {
                generated.add(table.getName() + " " + table.getPrimaryKey().getName() + " " + field.getName());
            }
        }

        List<String> migrated = query(database, PRIMARY_KEYS,
                row -> row.getString(1) + " " + row.getString(2) + " " + row.getString(3));

        assertThat(generated).containsExactlyElementsOf(migrated);
    }

    @Test
    void every_index_jooq_knows_exists(TestDatabase database) throws SQLException {
        List<String> generated = new ArrayList<>();
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            for (Index index : table.getIndexes()) {
                generated.add(table.getName() + " " + index.getName());
            }
        }

        List<String> migrated = query(database, INDEXES, row -> row.getString(1) + " " + row.getString(2));

        assertThat(generated).isNotEmpty();
        assertThat(migrated).containsAll(generated);
    }

    private static String describe(DataType<?> type) {
        String name = type.isArray() ? type.getArrayComponentDataType().getSQLDataType().getTypeName() + "[]"
                : type.getSQLDataType().getTypeName();
        return name.toLowerCase(Locale.ROOT) + (type.hasLength() && type.length() > 0 ? "(" + type.length() + ")" : "")
                + (type.nullable() ? " null" : " not null");
    }

    /** PostgreSQL's name of a type, in jOOQ's words. */
    private static String describe(String dataType, String udtName, Integer length, boolean nullable) {
        String name = switch (dataType) {
            case "ARRAY" -> describe(udtName.substring(1), udtName.substring(1), null, false)
                    .replace(" not null", "") + "[]";
            case "text" -> "clob";
            case "character varying" -> "varchar";
            case "bytea" -> "blob";
            case "uuid", "smallint", "bigint", "date", "timestamp with time zone" -> dataType;
            default -> dataType;
        };
        return name + (length == null ? "" : "(" + length + ")") + (nullable ? " null" : " not null");
    }

    private interface RowMapper {
        String map(ResultSet row) throws SQLException;
    }

    private static List<String> query(TestDatabase database, String sql, RowMapper mapper) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            while (row.next()) {
                rows.add(mapper.map(row));
            }
        }
        return rows;
    }
}
