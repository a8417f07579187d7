package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test of the folder routes on PostgreSQL ({@code QUIRE_TEST_PG_URL}), in a throw-away schema. */
class FolderPostgresIT {
    @TempDir
    Path dir;

    @Test
    void createAddMoveAndDeleteOnPostgres() throws Exception {
        try (PostgresSchema pg = PostgresSchema.createOrSkip();
             QuireTestServer server = QuireTestServer.start(dir, Map.of("quire.storage.jdbc.url", pg.url()))) {
            HttpFixture http = server.http();
            FolderSeeds seeds = new FolderSeeds(server);
            JsonObject created = http.postJson("/folders", "{\"name\":\"Q1\",\"full_path\":\"/Pg/Reports/Q1\"}").object();
            assertEquals(3, created.getInt("depth"));
            String loose = seeds.text(FolderSeeds.DEV, null, "l.txt", "loose postgres text").id();
            String inside = seeds.text(FolderSeeds.DEV, "/Pg/Reports", "r.txt", "report postgres text").id();

            assertEquals(200, http.postJson("/folders/Pg/Reports/Q1/documents/" + loose, "").status());
            assertEquals(List.of(loose), http.get("/folders/Pg/Reports/Q1").object().getJsonArray("document_ids")
                    .getValuesAs(JsonString::getString));

            HttpFixture.Response moved = http.postJson("/folders/Pg/Reports/move", "{\"new_path\":\"/Pg/Archive\"}");
            assertEquals(200, moved.status(), moved.text());
            assertEquals("/Pg/Archive/Q1", seeds.json(loose).getString("folder_path"));
            assertEquals("/Pg/Archive", seeds.json(inside).getString("folder_path"));
            assertEquals(2, http.get("/folders/summary").array().stream()
                    .filter(f -> f.asJsonObject().getString("full_path").startsWith("/Pg/Archive")).count());

            // PostgreSQL refuses NUL in text parameters: such identifiers must be 404, not a database error
            for (String odd : List.of("%00", "Pg%00x", "x%C3")) {
                assertEquals(404, http.get("/folders/" + odd).status(), odd);
                assertEquals(404, http.delete("/folders/" + odd).status(), odd);
                assertEquals(404, http.postJson("/folders/Pg/documents/" + odd, "").status(), odd);
                assertEquals(404, http.delete("/folders/Pg/documents/" + odd).status(), odd);
            }
            // NUL in a JSON body is refused at the door for every backend (NulCharactersIT)
            assertEquals(422, http.postJson("/folders/details", "{\"identifiers\":[\"a\\u0000b\"]}").status());
            assertEquals(422, http.postJson("/folders", "{\"name\":\"a\\u0000b\"}").status());
            assertEquals(400, http.delete("/folders/Pg/Archive").status());
            assertEquals(200, http.delete("/folders/Pg/Archive?recursive=true").status());
            assertNull(seeds.find(FolderSeeds.DEV, loose));
            assertNull(seeds.find(FolderSeeds.DEV, inside));
            assertEquals(List.of("/Pg"), http.get("/folders").array().stream()
                    .map(f -> f.asJsonObject().getString("full_path")).toList());
        }
    }
}
