package quire.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

class DocumentFieldsTest {
    private static final JsonObject DOC = parse("""
            {"external_id":"d1","content_type":"text/plain","filename":"a.txt",
             "metadata":{"author":"Ada","nested":{"x":1},"external_id":"d1"},
             "system_metadata":{"status":"failed","error":"boom","created_at":"c","updated_at":"u","version":3,
                                "progress":{"percentage":50}},
             "chunk_ids":["c0"],"page_count":4}""");

    private static JsonObject parse(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    @Test
    void noFieldsReturnsTheDocument() {
        assertSame(DOC, DocumentFields.project(DOC, null));
        assertSame(DOC, DocumentFields.project(DOC, List.of()));
        assertSame(DOC, DocumentFields.project(DOC, Arrays.asList(" ", null, "")));
    }

    @Test
    void dotPathsKeepNestingAndExternalIdIsAlwaysKept() {
        JsonObject p = DocumentFields.project(DOC, List.of("metadata.author", "filename"));
        assertEquals(parse("{\"metadata\":{\"author\":\"Ada\"},\"filename\":\"a.txt\",\"external_id\":\"d1\"}"), p);
    }

    @Test
    void aliasesMeanSystemMetadataKeys() {
        JsonObject p = DocumentFields.project(DOC, List.of("status", "error", "created_at", "updated_at", "version",
                "progress"));
        assertEquals(parse("""
                {"system_metadata":{"status":"failed","error":"boom","created_at":"c","updated_at":"u",
                 "version":3,"progress":{"percentage":50}},"external_id":"d1"}"""), p);
    }

    @Test
    void unknownPathsAreLeftOut() {
        JsonObject p = DocumentFields.project(DOC, List.of("metadata.missing", "nope", "filename.deeper",
                "metadata.nested.x"));
        assertEquals(parse("{\"metadata\":{\"nested\":{\"x\":1}},\"external_id\":\"d1\"}"), p);
    }

    @Test
    void derivedPageCountAndWholeObjects() {
        JsonObject p = DocumentFields.project(DOC, List.of(" page_count ", "external_id", "metadata", "metadata.author"));
        assertEquals(parse("{\"page_count\":4,\"external_id\":\"d1\","
                + "\"metadata\":{\"author\":\"Ada\",\"nested\":{\"x\":1},\"external_id\":\"d1\"}}"), p);
    }

    @Test
    void normalizeExpandsAliasesAndDropsDuplicates() {
        assertEquals(List.of("system_metadata.status", "metadata.a"),
                DocumentFields.normalize(List.of("status", " metadata.a ", "system_metadata.status", "")));
    }
}
