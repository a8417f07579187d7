package quire.plugin.storage.jdbc;

import java.util.List;

import org.junit.jupiter.api.Test;
import quire.spi.storage.AccessScope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The scope rule of spec §5.3, rendered with bound values only. */
class ScopeClauseTest {
    @Test
    void appScopeMatchesTheAppOnly() {
        ScopeClause clause = ScopeClause.of(new AccessScope("user '; --", "app-1"), null);
        assertEquals("(app_id = ?)", clause.sql());
        assertEquals(List.of("app-1"), clause.parameters());
    }

    @Test
    void ownerScopeMatchesTheOwner() {
        ScopeClause clause = ScopeClause.of(new AccessScope("o'wner", null), "c");
        assertEquals("(c.owner_id = ?)", clause.sql());
        assertEquals(List.of("o'wner"), clause.parameters());
    }

    @Test
    void appendsAsTheFirstOrANextPredicate() {
        SqlBuilder sql = new SqlBuilder("SELECT * FROM documents");
        ScopeClause.of(new AccessScope("a", null), null).appendTo(sql);
        sql.and("id = ?", "d1");
        assertEquals("SELECT * FROM documents WHERE (owner_id = ?) AND id = ?", sql.sql());
        assertArrayEquals(new Object[] {"a", "d1"}, sql.parameters());
    }
}
