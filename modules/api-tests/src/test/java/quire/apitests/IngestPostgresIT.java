package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static quire.apitests.IngestTesting.utf8;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import quire.apitests.HttpFixture.Part;

/** Smoke test of the ingest and update routes on PostgreSQL ({@code QUIRE_TEST_PG_URL}), in a throw-away schema. */
class IngestPostgresIT {
    @TempDir
    Path dir;

    @Test
    void ingestUpdateAndBatchOnPostgres() throws Exception {
        try (PostgresSchema pg = PostgresSchema.createOrSkip();
             QuireTestServer server = QuireTestServer.start(dir, Map.of("quire.storage.jdbc.url", pg.url()))) {
            HttpFixture http = server.http();
            JsonObject text = http.postJson("/ingest/text", Json.createObjectBuilder()
                    .add("content", "postgres stores herons").add("folder_name", "/Pg/Birds")
                    .add("metadata", Json.createObjectBuilder().add("n", "3"))
                    .add("metadata_types", Json.createObjectBuilder().add("n", "number")).build()).object();
            String id = text.getString("external_id");
            IngestTesting.completed(server, id);
            assertEquals(3, text.getJsonObject("metadata").getInt("n"));

            HttpFixture.Response batch = http.postMultipart("/ingest/files", List.of(
                    Part.file("files", "a.pdf", IngestTesting.pdf("Page about cranes.")),
                    Part.file("files", "b.md", utf8("# Storks\n\nStorks nest on roofs.")),
                    Part.field("metadata", "[{\"i\":0},{\"i\":1}]")));
            assertEquals(200, batch.status(), batch.text());
            for (var d : batch.object().getJsonArray("documents")) {
                IngestTesting.completed(server, d.asJsonObject().getString("external_id"));
            }

            assertEquals(200, http.postJson("/documents/" + id + "/update_text", "{\"content\":\"now about egrets\"}")
                    .status());
            IngestTesting.completed(server, id);
            assertEquals("now about egrets", IngestTesting.chunkText(server, id).strip());
            HttpFixture.Response meta = http.postJson("/documents/" + id + "/update_metadata", "{\"extra\":true}");
            assertEquals(200, meta.status(), meta.text());
            assertTrue(meta.object().getJsonObject("metadata").getBoolean("extra"));
            assertEquals(3, meta.object().getJsonObject("metadata").getInt("n"));
        }
    }

}
