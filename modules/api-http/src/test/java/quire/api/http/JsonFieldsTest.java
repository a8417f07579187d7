package quire.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class JsonFieldsTest {

    private static JsonFields fields(String json) {
        return new JsonFields(JsonBody.parse(json).asJsonObject(), List.of("body"));
    }

    @Test
    void integersFollowPydanticLaxMode() {
        JsonFields f = fields("{\"a\":3,\"b\":\"4\",\"c\":5.0,\"d\":5.5,\"e\":null,\"f\":[1]}");
        assertEquals(3L, f.integer("a", null));
        assertEquals(4L, f.integer("b", null));
        assertEquals(5L, f.integer("c", null));
        assertNull(f.integer("d", null));
        assertNull(f.integer("e", 1L));
        assertNull(f.optionalLong("e"));
        assertNull(f.integer("f", null));
        assertEquals(9L, f.integer("absent", 9L));
        List<String> types = f.errors().stream().map(ValidationError::type).toList();
        assertEquals(List.of("int_from_float", "int_type", "int_type"), types);
    }

    @Test
    void boundsAreReportedWithContext() {
        JsonFields f = fields("{\"limit\":0}");
        assertNull(f.integer("limit", 100L, 1, 500));
        ValidationError e = f.errors().get(0);
        assertEquals("greater_than_equal", e.type());
        assertEquals("{\"ge\":1}", e.ctx().toString());
    }

    @Test
    void containersAndValidate() {
        JsonFields f = fields("{\"m\":[],\"l\":{}}");
        assertNull(f.optionalObject("m"));
        assertNull(f.optionalArray("l"));
        assertEquals(List.of("dict_type", "list_type"), f.errors().stream().map(ValidationError::type).toList());
        RequestValidationException e = assertThrows(RequestValidationException.class, f::validate);
        assertEquals(422, e.status());
        assertEquals(2, e.errors().size());
    }

    @Test
    void malformedJsonReportsThePosition() {
        RequestValidationException e = assertThrows(RequestValidationException.class, () -> JsonBody.parse("{\"a\": x}"));
        assertEquals(List.of("body", 6), e.errors().get(0).loc());
        assertEquals("json_invalid", e.errors().get(0).type());
    }
}
