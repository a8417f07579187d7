package quire.plugin.storage.jdbc;

import java.util.List;
import java.util.Objects;

import quire.spi.storage.AccessScope;

/**
 * The one place where a caller's {@link AccessScope} becomes SQL (spec §5.3, design §3).
 *
 * <p>The rule, exactly as the Morphik contract states it:
 * <ul>
 *   <li>a scope <em>with</em> an app id sees every row whose {@code app_id} equals it, whoever
 *       created it: {@code (app_id = ?)};</li>
 *   <li>a scope <em>without</em> an app id (dev mode, user tokens) sees the rows it owns:
 *       {@code (owner_id = ?)} &mdash; including rows the same user created under an app token,
 *       as Morphik does.</li>
 * </ul>
 * {@code end_user_id} and folders are client-chosen narrowing filters, never part of the scope.
 * Values are always bound parameters; only the fixed column names are rendered into the SQL.
 */
final class ScopeClause {
    private final String sql;
    private final String value;

    private ScopeClause(String sql, String value) {
        this.sql = sql;
        this.value = value;
    }

    /**
     * @param scope the caller's scope
     * @param alias table alias (e.g. {@code "c"}) or null for unqualified columns
     * @return the clause
     */
    static ScopeClause of(AccessScope scope, String alias) {
        Objects.requireNonNull(scope, "scope");
        String prefix = alias == null ? "" : alias + ".";
        if (scope.appId() != null) {
            return new ScopeClause("(" + prefix + "app_id = ?)", scope.appId());
        }
        return new ScopeClause("(" + prefix + "owner_id = ?)", scope.ownerId());
    }

    /**
     * The same clause for statements that find rows by key ({@code id IN (...)}, chunk keys):
     * on SQLite the column gets a unary {@code +}, which keeps SQLite's planner from driving the
     * lookup through the owner/app index (it did, with bound parameters: every retrieval read
     * all of the owner's chunks, 3 ms per query at 1,100 chunks and growing with the corpus)
     * instead of the key index. The predicate still filters every row; PostgreSQL's planner has
     * statistics and gets the plain clause.
     */
    ScopeClause forKeyLookup(Dialect dialect) {
        if (dialect != Dialect.SQLITE) {
            return this;
        }
        return new ScopeClause("(+" + sql.substring(1), value);
    }

    /** @return the predicate, parenthesised, with placeholders */
    String sql() {
        return sql;
    }

    /** @return the values for the placeholders, in order */
    List<Object> parameters() {
        return List.of(value);
    }

    /** Appends {@code AND <predicate>} (or the bare predicate on an empty WHERE) with its values. */
    void appendTo(SqlBuilder builder) {
        builder.and(sql, value);
    }
}
