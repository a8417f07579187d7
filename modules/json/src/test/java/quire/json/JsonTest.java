package quire.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonWriter;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void everyFactoryUsesTheOneProvider() {
        assertSame(Json.provider(), Json.provider());
        assertEquals("org.eclipse.parsson.JsonProviderImpl", Json.provider().getClass().getName());
    }

    @Test
    void buildsWritesAndReadsLikeJakartaJson() {
        JsonObject built = Json.createObjectBuilder()
                .add("s", Json.createValue("x"))
                .add("n", Json.createValue(3L))
                .add("a", Json.createArrayBuilder(List.of(1, "two")))
                .add("m", Json.createObjectBuilder(Map.of("k", true)))
                .build();
        StringWriter out = new StringWriter();
        try (JsonWriter w = Json.createWriter(out)) {
            w.writeObject(built);
        }
        JsonObject read;
        try (var r = Json.createReader(new StringReader(out.toString()))) {
            read = r.readObject();
        }
        assertEquals(built, read);
        assertEquals(jakarta.json.Json.createObjectBuilder(built).build(), read);
    }
}
