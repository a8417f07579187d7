package quire.plugin.storage.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SQL text plus its bound values, built together so a placeholder can never lose its value.
 * Only constant fragments are appended as text; every value goes through {@link #append(String, Object...)}.
 */
final class SqlBuilder {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();
    private boolean whereOpen;

    SqlBuilder(String start, Object... values) {
        append(start, values);
    }

    /** Appends a fragment and the values of its placeholders. */
    SqlBuilder append(String fragment, Object... values) {
        text.append(fragment);
        Collections.addAll(parameters, values);
        return this;
    }

    /** Appends a predicate: {@code WHERE p} the first time, {@code AND p} afterwards. */
    SqlBuilder and(String predicate, Object... values) {
        text.append(whereOpen ? " AND " : " WHERE ");
        whereOpen = true;
        return append(predicate, values);
    }

    String sql() {
        return text.toString();
    }

    Object[] parameters() {
        return parameters.toArray();
    }
}
