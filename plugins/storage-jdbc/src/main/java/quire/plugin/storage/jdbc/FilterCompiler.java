package quire.plugin.storage.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import quire.spi.filter.FilterNode;
import quire.spi.storage.MetadataFilter;

/**
 * Compiles a metadata filter tree to one SQL predicate over the {@code documents} table, per dialect.
 *
 * <p>Rules every dialect follows: values and keys are always bound parameters (only fixed fragments
 * are SQL text); every leaf is wrapped in {@code COALESCE(..., FALSE)} so it is two-valued and
 * {@code NOT} means plain negation, as in the tree's semantics; casts run only inside a
 * {@code CASE} whose condition proved the text castable, so no stored value can raise an SQL error.
 */
abstract class FilterCompiler {
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    /** @return a fresh compiler for the dialect */
    static FilterCompiler of(Dialect dialect) {
        return switch (dialect) {
            case SQLITE -> new SqliteFilterCompiler();
            case POSTGRESQL -> new PostgresFilterCompiler();
        };
    }

    /** Appends {@code AND <predicate>} for the filter (nothing for null) to a statement. */
    static void appendTo(SqlBuilder builder, Dialect dialect, MetadataFilter filter) {
        if (filter == null) {
            return;
        }
        FilterCompiler compiler = of(dialect);
        compiler.node((FilterNode) filter);
        builder.and(compiler.sql.toString(), compiler.parameters.toArray());
    }

    final void node(FilterNode node) {
        switch (node) {
            case FilterNode.And and -> join(and.children(), " AND ");
            case FilterNode.Or or -> join(or.children(), " OR ");
            case FilterNode.Not not -> {
                text("(NOT ");
                node(not.child());
                text(")");
            }
            default -> {
                text("COALESCE((");
                leaf(node);
                text("), FALSE)");
            }
        }
    }

    private void join(List<FilterNode> children, String operator) {
        text("(");
        for (int i = 0; i < children.size(); i++) {
            text(i == 0 ? "" : operator);
            node(children.get(i));
        }
        text(")");
    }

    /** Renders one leaf; it may yield NULL, which the caller turns into FALSE. */
    abstract void leaf(FilterNode leaf);

    /** Appends fixed SQL text (never a value). */
    final FilterCompiler text(String fragment) {
        sql.append(fragment);
        return this;
    }

    /** Appends a placeholder bound to a value. */
    final FilterCompiler bind(Object value) {
        sql.append('?');
        parameters.add(value);
        return this;
    }

    /** Appends {@code ?, ?, ...} bound to the values. */
    final FilterCompiler bindAll(Iterable<?> values) {
        boolean first = true;
        for (Object value : values) {
            text(first ? "" : ", ");
            first = false;
            bind(value);
        }
        return this;
    }

    List<Object> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    String sql() {
        return sql.toString();
    }
}
