package io.kairos.scheduler.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A MariaDB plan in its JSON form ({@code EXPLAIN FORMAT=JSON}, or {@code ANALYZE FORMAT=JSON}, which runs the
 * statement and adds what each step did: {@code r_rows}), read for the plan checks: how each table is accessed, and
 * whether a sort ({@code filesort}) or a temporary table appears anywhere.
 *
 * @param text the plan as the server printed it, for failure messages
 * @param tables every table access of the plan, subqueries and derived tables included, in document order
 * @param sorts whether a {@code filesort} or a {@code temporary_table} node appears anywhere
 */
record MariaDbPlan(String text, List<Access> tables, boolean sorts) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One table access.
     *
     * @param table the table's name as the plan gives it (an alias or {@code <derived2>} for a derived table)
     * @param accessType {@code range}, {@code index}, {@code ref}, {@code ALL}, ...
     * @param key the index read, or the empty string
     * @param rows the optimizer's estimate of rows read
     * @param actualRows rows read per loop, {@code ANALYZE} only; -1 otherwise
     */
    record Access(String table, String accessType, String key, double rows, double actualRows) {
    }

    /** Runs {@code EXPLAIN FORMAT=JSON} on a statement with its parameters bound. */
    static MariaDbPlan explain(Connection connection, String statement, Object... parameters) throws SQLException {
        return read(connection, "EXPLAIN FORMAT=JSON " + statement, parameters);
    }

    /** Runs the statement through {@code ANALYZE FORMAT=JSON} (it executes) with its parameters bound. */
    static MariaDbPlan analyze(Connection connection, String statement, Object... parameters) throws SQLException {
        return read(connection, "ANALYZE FORMAT=JSON " + statement, parameters);
    }

    /** The accesses of the given table. */
    List<Access> of(String table) {
        return this.tables.stream().filter((access) -> access.table().equals(table)).toList();
    }

    private static MariaDbPlan read(Connection connection, String statement, Object... parameters) throws SQLException {
        String text;
        try (PreparedStatement ps = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                text = rs.getString(1);
            }
        }
        JsonNode root = JSON.readTree(text);
        List<Access> tables = new ArrayList<>();
        boolean[] sorts = new boolean[1];
        walk(root, tables, sorts);
        return new MariaDbPlan(text, List.copyOf(tables), sorts[0]);
    }

    private static void walk(JsonNode node, List<Access> tables, boolean[] sorts) {
        if (node.isArray()) {
            node.forEach((child) -> walk(child, tables, sorts));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.has("filesort") || node.has("temporary_table")) {
            sorts[0] = true;
        }
        if (node.has("table_name") && node.has("access_type")) {
            tables.add(new Access(node.get("table_name").asString(), node.get("access_type").asString(),
                    node.has("key") ? node.get("key").asString() : "", node.has("rows") ? node.get("rows").asDouble() : -1,
                    node.has("r_rows") ? node.get("r_rows").asDouble() : -1));
        }
        node.properties().forEach((entry) -> walk(entry.getValue(), tables, sorts));
    }
}
