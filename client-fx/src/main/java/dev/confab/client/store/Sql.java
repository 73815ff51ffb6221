package dev.confab.client.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Small JDBC helpers over the store's one connection (auto-commit off). Not thread safe: {@link LocalStore}
 * holds its lock around every use.
 */
final class Sql {
    private final Connection db;

    Sql(Connection db) {
        this.db = db;
    }

    /** Runs {@code work} and commits, or rolls back and rethrows. */
    <T> T transaction(Work<T> work) {
        try {
            T result = work.run();
            db.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                db.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof RuntimeException re ? re : new StoreException("local store write failed", e);
        }
    }

    <T> T read(Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new StoreException("local store read failed", e);
        }
    }

    int update(String statement, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(statement, args)) {
            return ps.executeUpdate();
        }
    }

    <T> List<T> list(String query, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(query, args); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        }
    }

    /** The first row's value; empty if there is no row or the value is null. */
    <T> Optional<T> one(String query, Row<T> row, Object... args) throws SQLException {
        List<T> all = list(query, row, args);
        return all.isEmpty() ? Optional.empty() : Optional.ofNullable(all.get(0));
    }

    PreparedStatement prepare(String statement, Object... args) throws SQLException {
        PreparedStatement ps = db.prepareStatement(statement);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    void close() throws SQLException {
        db.close();
    }

    interface Work<T> {
        T run() throws SQLException;
    }

    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }
}
