package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.spi.storage.DocumentRecord;

/**
 * Smoke test of the document routes on PostgreSQL (fresh schema per run): listing, get, search,
 * batch, download link and delete. Skipped, with a message, when {@code QUIRE_TEST_PG_URL} is unset.
 */
class DocumentRoutesPostgresIT {
    @TempDir
    Path dir;

    @Test
    void documentRoutesOnPostgres() throws Exception {
        try (PostgresSchema pg = PostgresSchema.createOrSkip();
             QuireTestServer server = QuireTestServer.start(dir, Map.of("quire.storage.jdbc.url", pg.url()))) {
            HttpFixture http = server.http();
            TestingDocuments docs = new TestingDocuments(server);
            byte[] bytes = "postgres smoke text".getBytes(StandardCharsets.UTF_8);
            DocumentRecord d = docs.create(TestingDocuments.DEV, "/pg", null, "pg-smoke.txt", null, bytes, true, "{}");

            assertEquals(1, http.postJson(HttpFixture.query("/documents/list_docs", Map.of("folder_name", "/pg")),
                    "{\"include_total_count\": true}").object().getInt("total_count"));
            assertEquals(d.id(), http.get("/documents/" + d.id()).object().getString("external_id"));
            assertEquals(d.id(), http.postJson("/search/documents", "{\"query\": \"PG-SMOKE\"}").array()
                    .getJsonObject(0).getString("external_id"));
            assertEquals(1, http.postJson("/batch/documents", Json.createObjectBuilder()
                    .add("document_ids", Json.createArrayBuilder().add(d.id()).add("nope")).build()).array().size());
            String link = http.get("/documents/" + d.id() + "/download_url").object().getString("download_url");
            assertArrayEquals(bytes, http.get(link).bytes());
            assertEquals(200, http.delete("/documents/" + d.id()).status());
            assertEquals(404, http.get("/documents/" + d.id()).status());
        }
    }
}
