package quire.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import io.helidon.common.uri.UriQuery;

import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void valuesAreCoercedAndErrorsAreLocatedInTheQuery() {
        JsonFields q = QueryParams.of(UriQuery.create("limit=20&hours=abc&flag=on&tag=a&tag=b"));
        assertEquals(20L, q.integer("limit", 100L, 1, 500));
        assertNull(q.number("hours", 4.0));
        assertEquals(true, q.bool("flag", false));
        assertEquals(List.of("a", "b"), q.optionalStringList("tag"));
        assertNull(q.requiredString("title"));
        assertEquals(List.of(List.of("query", "hours"), List.of("query", "title")),
                q.errors().stream().map(ValidationError::loc).toList());
        assertEquals(List.of("float_parsing", "missing"), q.errors().stream().map(ValidationError::type).toList());
    }
}
