package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a path below {@code /folders/} is split when the folder identifier contains slashes and
 * folders are literally named like route keywords: the reading with the longest EXISTING folder
 * wins ({@code quire.api.http.FolderTarget}).
 */
class FolderPathDispatchIT {
    @TempDir
    static Path dir;
    static QuireTestServer server;
    static HttpFixture http;
    static FolderSeeds seeds;

    @BeforeAll
    static void start() {
        server = QuireTestServer.start(dir);
        http = server.http();
        seeds = new FolderSeeds(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonObject folder(String path) {
        HttpFixture.Response r = http.postJson("/folders", "{\"name\":\"x\",\"full_path\":\"" + path + "\"}");
        assertEquals(200, r.status(), r.text());
        return r.object();
    }

    @Test
    void folderNamedDocumentsTakesDocumentsLikeAnyOther() {
        JsonObject docs = folder("/Kw/documents");
        String doc = seeds.text(FolderSeeds.DEV, null, "kw.txt", "keyword folder text").id();
        assertEquals(docs.getString("id"), http.get("/folders/Kw/documents").object().getString("id"));

        HttpFixture.Response added = http.postJson("/folders/Kw/documents/documents/" + doc, "");
        assertEquals(200, added.status(), added.text());
        assertEquals("/Kw/documents", seeds.find(FolderSeeds.DEV, doc).folderPath());

        HttpFixture.Response removed = http.delete("/folders/Kw/documents/documents/" + doc);
        assertEquals(200, removed.status(), removed.text());
        assertNull(seeds.find(FolderSeeds.DEV, doc).folderPath());
        assertEquals(200, http.get("/folders/Kw/documents").status(), "the folder itself stays");

        // a root folder called "documents" is deleted like any other
        JsonObject root = folder("/documents");
        assertEquals(root.getString("id"), http.get("/folders/documents").object().getString("id"), "path before name");
        assertEquals(200, http.delete("/folders/documents").status());
        // the path is gone; the bare name now finds the nested folder of that name
        assertEquals(docs.getString("id"), http.get("/folders/documents").object().getString("id"));
    }

    @Test
    void folderNamedMoveCanBeMovedAndRead() {
        JsonObject move = folder("/move");
        assertEquals(move.getString("id"), http.get("/folders/move").object().getString("id"));
        HttpFixture.Response moved = http.postJson("/folders/move/move", "{\"new_path\":\"/moved\"}");
        assertEquals(200, moved.status(), moved.text());
        assertEquals(move.getString("id"), moved.object().getString("id"));
        assertEquals("/moved", moved.object().getString("full_path"));
    }

    @Test
    void moveTailPrefersTheLongerExistingFolder() {
        folder("/Amb/documents");
        HttpFixture.Response r = http.postJson("/folders/Amb/documents/move", "{\"new_path\":\"/Amb/papers\"}");
        assertEquals(200, r.status(), r.text());
        assertEquals("/Amb/papers", r.object().getString("full_path"), "moved /Amb/documents, not a document 'move'");

        // without /Plain/documents the same shape means "add document 'move' to /Plain"
        folder("/Plain");
        HttpFixture.Response add = http.postJson("/folders/Plain/documents/move", "{\"new_path\":\"/Other\"}");
        assertEquals(404, add.status(), add.text());
        assertEquals("Document move not found", add.detail());
    }

    @Test
    void deleteOfAnExistingNestedPathDeletesThatFolder() {
        folder("/Del/documents/X");
        HttpFixture.Response r = http.delete("/folders/Del/documents/X");
        assertEquals(200, r.status(), r.text());
        assertTrue(r.object().getString("message").startsWith("Folder X ("), r.text());
        assertEquals(404, http.get("/folders/Del/documents/X").status());
        assertEquals(200, http.get("/folders/Del/documents").status());
        // when no such folder exists the tail is the remove-document route
        HttpFixture.Response remove = http.delete("/folders/Del/documents/X");
        assertEquals(404, remove.status());
        assertEquals("Document X not found", remove.detail());
        HttpFixture.Response none = http.delete("/folders/Nowhere/documents/X");
        assertEquals(404, none.status());
        assertEquals("Folder Nowhere not found", none.detail(), "the 404 names the folder the tail points at");
    }

    @Test
    void keywordRoutesWinOverFoldersOfTheSameNameWhichStayReachableById() {
        JsonObject summary = folder("/summary");
        JsonObject details = folder("/details");
        assertTrue(http.get("/folders/summary").json().getValueType() == jakarta.json.JsonValue.ValueType.ARRAY,
                "GET /folders/summary is the summary list");
        assertEquals(summary.getString("id"), http.get("/folders/" + summary.getString("id")).object().getString("id"));
        assertEquals(details.getString("id"), http.get("/folders/details").object().getString("id"),
                "only POST /folders/details is a keyword route");
        String doc = seeds.text(FolderSeeds.DEV, null, "s.txt", "summary folder text").id();
        assertEquals(200, http.postJson("/folders/summary/documents/" + doc, "").status());
        assertEquals("/summary", seeds.find(FolderSeeds.DEV, doc).folderPath());
        assertNotNull(seeds.find(FolderSeeds.DEV, doc));
    }

    @Test
    void aTailWithoutAFolderIsNotARoute() {
        assertEquals(404, http.postJson("/folders/documents/abc", "").status());
        assertEquals(404, http.postJson("/folders/move", "{\"new_path\":\"/x\"}").status());
        assertEquals(404, http.postJson("/folders//move", "{\"new_path\":\"/x\"}").status());
        assertEquals(404, http.get("/folders/x").status());
        assertEquals(404, http.get("/folders/Nope/x").status());
    }
}
