package quire.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class MetadataTypingTest {

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    @Test
    void infersTypes() {
        MetadataTyping.Typed t = MetadataTyping.apply(json("""
                {"a":"x","n":3,"f":1.5,"b":true,"d":"2025-01-02T03:04:05Z","day":"2025-01-02","l":[1],"o":{"k":1},"z":null}
                """), JsonObject.EMPTY_JSON_OBJECT);
        assertEquals(json("""
                {"a":"string","n":"number","f":"number","b":"boolean","d":"datetime","day":"string","l":"array","o":"object","z":"null"}
                """), t.types());
    }

    @Test
    void coercesDeclaredTypesAndAliases() {
        MetadataTyping.Typed t = MetadataTyping.apply(json("""
                {"n":"42","p":"19.90","b":"yes","day":"2025-01-02","ts":"2025-01-02 03:04:05"}
                """), json("""
                {"n":"int","p":"decimal","b":"bool","day":"date","ts":"timestamp"}
                """));
        assertEquals(42, t.metadata().getJsonNumber("n").intValue());
        assertEquals("19.90", t.metadata().getString("p"));
        assertEquals(true, t.metadata().getBoolean("b"));
        assertEquals("2025-01-02", t.metadata().getString("day"));
        assertEquals("2025-01-02T03:04:05", t.metadata().getString("ts"));
        assertEquals("number", t.types().getString("n"));
        assertEquals("datetime", t.types().getString("ts"));
    }

    @Test
    void refusesUncoercibleValuesAndUnknownTypes() {
        assertEquals(400, assertThrows(CatalogException.class,
                () -> MetadataTyping.apply(json("{\"n\":\"abc\"}"), json("{\"n\":\"number\"}"))).status());
        assertEquals(400, assertThrows(CatalogException.class,
                () -> MetadataTyping.apply(json("{\"d\":\"not a date\"}"), json("{\"d\":\"date\"}"))).status());
        assertEquals(400, assertThrows(CatalogException.class,
                () -> MetadataTyping.apply(json("{\"n\":1}"), json("{\"n\":\"quaternion\"}"))).status());
    }

    @Test
    void reservedKeysAreRefused() {
        for (String key : ReservedKeys.KEYS) {
            CatalogException e = assertThrows(CatalogException.class,
                    () -> ReservedKeys.reject("metadata", json("{\"" + key + "\":\"x\"}")));
            assertEquals(400, e.status());
        }
        ReservedKeys.reject("metadata", json("{\"author\":\"x\"}"));
    }
}
