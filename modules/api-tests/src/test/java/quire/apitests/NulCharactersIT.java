package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * U+0000 cannot be stored or even compared by PostgreSQL; Quire refuses it at the door for every
 * backend alike (4xx, never a 500), and the server keeps working.
 */
class NulCharactersIT {
    @TempDir
    Path dir;

    @Test
    void nulIsRefusedWithA4xxOnSqlite() {
        try (QuireTestServer server = QuireTestServer.start(dir)) {
            check(server.http());
        }
    }

    @Test
    void nulIsRefusedWithA4xxOnPostgres() throws Exception {
        try (PostgresSchema pg = PostgresSchema.createOrSkip()) {
            try (QuireTestServer server = QuireTestServer.start(dir, Map.of("quire.storage.jdbc.url", pg.url()))) {
                check(server.http());
            }
        }
    }

    private static void check(HttpFixture http) {
        assertEquals(404, http.get("/documents/%00").status());
        assertEquals(404, http.get("/documents/%00/status").status());
        assertEquals(404, http.get("/documents/filename/a%00b").status());
        assertEquals(404, http.get("/folders/x%00y").status());

        HttpFixture.Response text = http.postJson("/ingest/text", "{\"content\":\"a\\u0000b\"}");
        assertEquals(422, text.status(), text.text());
        assertTrue(text.text().contains("NUL"), text.text());
        HttpFixture.Response meta = http.postJson("/ingest/text", "{\"content\":\"ok\",\"metadata\":{\"k\\u0000\":\"v\"}}");
        assertEquals(422, meta.status(), meta.text());
        HttpFixture.Response folder = http.postJson("/folders", "{\"name\":\"a\\u0000b\"}");
        assertEquals(422, folder.status(), folder.text());

        HttpFixture.Response file = http.postMultipart("/ingest/file",
                List.of(HttpFixture.Part.file("file", "bad\u0000name.txt", "hello".getBytes(StandardCharsets.UTF_8))));
        assertEquals(400, file.status(), file.text());
        HttpFixture.Response field = http.postMultipart("/ingest/file",
                List.of(HttpFixture.Part.file("file", "ok.txt", "hello".getBytes(StandardCharsets.UTF_8)),
                        HttpFixture.Part.field("metadata", "{\"k\":\"v\u0000\"}")));
        assertEquals(400, field.status(), field.text());

        // binary file content may hold NUL bytes: that is data, not a string; the sniffer decides
        HttpFixture.Response binary = http.postMultipart("/ingest/file",
                List.of(HttpFixture.Part.file("file", "data.bin", new byte[] {1, 0, 2, 0, 3})));
        assertEquals(200, binary.status(), binary.text());
        assertEquals(200, http.get("/ping").status());
    }
}
