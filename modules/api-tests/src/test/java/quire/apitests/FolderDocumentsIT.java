package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.spi.storage.DocumentRecord;

/**
 * Folder routes that change documents, over real HTTP: add/remove a document (a document lives
 * in one folder), delete a folder with its documents and chunks (recursive rules), move and
 * rename a folder with its sub-folders and documents following.
 */
class FolderDocumentsIT {
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

    private static List<String> documentIds(String folder) {
        HttpFixture.Response r = http.get("/folders/" + folder);
        assertEquals(200, r.status(), r.text());
        return r.object().getJsonArray("document_ids").getValuesAs(JsonString::getString);
    }

    @Test
    void addMovesADocumentBetweenFoldersAndRemoveClearsIt() {
        JsonObject from = folder("/Move/From");
        JsonObject to = folder("/Move/To");
        String doc = seeds.text(FolderSeeds.DEV, null, "loose.txt", "a document without a folder").id();

        HttpFixture.Response added = http.postJson("/folders/Move/From/documents/" + doc, "");
        assertEquals(200, added.status(), added.text());
        assertEquals("success", added.object().getString("status"));
        assertEquals("Document " + doc + " added to folder From (" + from.getString("id") + ")",
                added.object().getString("message"));
        JsonObject json = seeds.json(doc);
        assertEquals("From", json.getString("folder_name"), "folder_name is the leaf");
        assertEquals("/Move/From", json.getString("folder_path"));
        assertEquals(from.getString("id"), json.getString("folder_id"));
        assertEquals("/Move/From", json.getJsonObject("metadata").getString("folder_name"));
        assertEquals("seed", json.getJsonObject("metadata").getString("kind"), "other metadata kept");
        assertEquals(List.of(doc), documentIds("Move/From"));

        // adding to another folder (by id) moves it
        HttpFixture.Response moved = http.postJson("/folders/" + to.getString("id") + "/documents/" + doc, "");
        assertEquals(200, moved.status(), moved.text());
        assertEquals(List.of(), documentIds("Move/From"));
        assertEquals(List.of(doc), documentIds("Move/To"));
        assertEquals("/Move/To", seeds.json(doc).getString("folder_path"));
        // adding again is harmless
        assertEquals(200, http.postJson("/folders/Move/To/documents/" + doc, "").status());

        HttpFixture.Response notHere = http.delete("/folders/Move/From/documents/" + doc);
        assertEquals(404, notHere.status(), notHere.text());
        HttpFixture.Response removed = http.delete("/folders/Move/To/documents/" + doc);
        assertEquals(200, removed.status(), removed.text());
        assertEquals("Document " + doc + " removed from folder To (" + to.getString("id") + ")",
                removed.object().getString("message"));
        JsonObject after = seeds.json(doc);
        assertTrue(after.isNull("folder_name"), after.toString());
        assertTrue(after.isNull("folder_path"), after.toString());
        assertTrue(after.isNull("folder_id"), after.toString());
        assertFalse(after.getJsonObject("metadata").containsKey("folder_name"), after.toString());
        assertEquals(List.of(), documentIds("Move/To"));
        assertNotNull(seeds.find(FolderSeeds.DEV, doc), "removing from a folder keeps the document");
    }

    @Test
    void addAndRemoveAnswer404ForUnknownFolderOrDocument() {
        folder("/Known");
        String doc = seeds.text(FolderSeeds.DEV, null, "k.txt", "known document").id();
        HttpFixture.Response noFolder = http.postJson("/folders/Unknown/documents/" + doc, "");
        assertEquals(404, noFolder.status(), noFolder.text());
        assertEquals("Folder Unknown not found", noFolder.detail());
        HttpFixture.Response noDoc = http.postJson("/folders/Known/documents/no-such-doc", "");
        assertEquals(404, noDoc.status(), noDoc.text());
        assertEquals("Document no-such-doc not found", noDoc.detail());
        assertEquals(404, http.delete("/folders/Unknown/documents/" + doc).status());
        assertEquals(404, http.delete("/folders/Known/documents/no-such-doc").status());
        assertNull(seeds.find(FolderSeeds.DEV, doc).folderId(), "nothing changed");
    }

    @Test
    void deleteRemovesTheFolderWithItsDocumentsAndChunks() {
        JsonObject gone = folder("/Doomed");
        DocumentRecord d1 = seeds.text(FolderSeeds.DEV, "/Doomed", "d1.txt", "doomed text one");
        DocumentRecord d2 = seeds.text(FolderSeeds.DEV, "/Doomed", "d2.txt", "doomed text two");
        DocumentRecord keep = seeds.text(FolderSeeds.DEV, "/Kept", "k.txt", "kept text");
        assertTrue(seeds.chunkCount(d1.id()) > 0);

        HttpFixture.Response r = http.delete("/folders/Doomed");
        assertEquals(200, r.status(), r.text());
        assertEquals("success", r.object().getString("status"));
        assertEquals("Folder Doomed (" + gone.getString("id") + ") deleted successfully", r.object().getString("message"));
        assertNull(seeds.find(FolderSeeds.DEV, d1.id()));
        assertNull(seeds.find(FolderSeeds.DEV, d2.id()));
        assertEquals(404, http.get("/documents/" + d1.id()).status());
        assertEquals(0, seeds.chunkCount(d1.id()));
        assertEquals(0, seeds.chunkCount(d2.id()));
        assertEquals(404, http.get("/folders/Doomed").status());
        assertNotNull(seeds.find(FolderSeeds.DEV, keep.id()), "other folders' documents stay");
        assertTrue(seeds.chunkCount(keep.id()) > 0);

        HttpFixture.Response again = http.delete("/folders/Doomed");
        assertEquals(404, again.status());
        assertEquals("Folder Doomed not found", again.detail());
    }

    @Test
    void deleteWithSubFoldersNeedsRecursive() {
        JsonObject top = folder("/Tree");
        folder("/Tree/Branch/Leaf");
        String leafDoc = seeds.text(FolderSeeds.DEV, "/Tree/Branch/Leaf", "leaf.txt", "deep leaf text").id();

        HttpFixture.Response refused = http.delete("/folders/Tree");
        assertEquals(400, refused.status(), refused.text());
        assertEquals("Folder Tree has 2 descendant folders; set recursive=true to delete the entire subtree.",
                refused.detail());
        assertEquals(400, http.delete("/folders/Tree?recursive=false").status());
        assertEquals(200, http.get("/folders/Tree/Branch/Leaf").status(), "nothing deleted");
        assertNotNull(seeds.find(FolderSeeds.DEV, leafDoc));

        HttpFixture.Response bad = http.delete("/folders/Tree?recursive=perhaps");
        assertEquals(422, bad.status(), bad.text());
        assertEquals("recursive", bad.object().getJsonArray("detail").getJsonObject(0).getJsonArray("loc").getString(1));

        HttpFixture.Response ok = http.delete("/folders/Tree?recursive=true");
        assertEquals(200, ok.status(), ok.text());
        assertEquals("Folder Tree (" + top.getString("id") + ") deleted successfully with descendants",
                ok.object().getString("message"));
        for (String p : List.of("Tree", "Tree/Branch", "Tree/Branch/Leaf")) {
            assertEquals(404, http.get("/folders/" + p).status(), p);
        }
        assertNull(seeds.find(FolderSeeds.DEV, leafDoc));
        // a leaf folder needs no flag, and recursive=true on it says nothing about descendants
        folder("/Single");
        HttpFixture.Response single = http.delete("/folders/Single?recursive=1");
        assertEquals(200, single.status(), single.text());
        assertTrue(single.object().getString("message").endsWith("deleted successfully"), single.text());
    }

    @Test
    void moveCarriesSubFoldersAndDocuments() {
        JsonObject src = folder("/Projects/Alpha");
        JsonObject child = folder("/Projects/Alpha/Specs");
        String top = seeds.text(FolderSeeds.DEV, "/Projects/Alpha", "a.txt", "alpha text").id();
        String deep = seeds.text(FolderSeeds.DEV, "/Projects/Alpha/Specs", "s.txt", "spec text").id();

        // the SDK sends the path without its leading slash, path-quoted
        HttpFixture.Response r = http.postJson("/folders/Projects/Alpha/move", "{\"new_path\":\"/Archive/2024/Alpha\"}");
        assertEquals(200, r.status(), r.text());
        JsonObject moved = r.object();
        assertEquals(src.getString("id"), moved.getString("id"));
        assertEquals("/Archive/2024/Alpha", moved.getString("full_path"));
        assertEquals("Alpha", moved.getString("name"));
        assertEquals(3, moved.getInt("depth"));
        JsonObject parent = http.get("/folders/Archive/2024").object();
        assertEquals(parent.getString("id"), moved.getString("parent_id"), "missing ancestors created");
        assertEquals(List.of(top), moved.getJsonArray("document_ids").getValuesAs(JsonString::getString));

        JsonObject movedChild = http.get("/folders/Archive/2024/Alpha/Specs").object();
        assertEquals(child.getString("id"), movedChild.getString("id"));
        assertEquals(4, movedChild.getInt("depth"));
        assertEquals(moved.getString("id"), movedChild.getString("parent_id"));
        assertEquals(404, http.get("/folders/Projects/Alpha").status());
        assertEquals(404, http.get("/folders/Projects/Alpha/Specs").status());

        JsonObject deepDoc = seeds.json(deep);
        assertEquals("/Archive/2024/Alpha/Specs", deepDoc.getString("folder_path"));
        assertEquals("Specs", deepDoc.getString("folder_name"));
        assertEquals("/Archive/2024/Alpha/Specs", deepDoc.getJsonObject("metadata").getString("folder_name"));
        assertEquals(child.getString("id"), deepDoc.getString("folder_id"));
        assertEquals("/Archive/2024/Alpha", seeds.json(top).getString("folder_path"));
        HttpFixture.Response listed = http.postJson(HttpFixture.query("/documents/list_docs",
                Map.of("folder_name", "/Archive/2024/Alpha", "folder_depth", -1)), "{}");
        assertEquals(200, listed.status(), listed.text());
        assertEquals(Set.of(top, deep), listed.object().getJsonArray("documents").stream()
                .map(d -> d.asJsonObject().getString("external_id")).collect(Collectors.toSet()));
        HttpFixture.Response oldPath = http.postJson(HttpFixture.query("/documents/list_docs",
                Map.of("folder_name", "/Projects/Alpha", "folder_depth", -1)), "{}");
        assertEquals(0, oldPath.object().getInt("returned_count"), oldPath.text());

        // rename: only the last segment changes
        HttpFixture.Response renamed = http.postJson("/folders/" + moved.getString("id") + "/move",
                "{\"new_path\":\"/Archive/2024/Beta\"}");
        assertEquals(200, renamed.status(), renamed.text());
        assertEquals("Beta", renamed.object().getString("name"));
        assertEquals("/Archive/2024/Beta/Specs", seeds.json(deep).getString("folder_path"));
        // moving onto itself is a no-op
        HttpFixture.Response same = http.postJson("/folders/Archive/2024/Beta/move", "{\"new_path\":\"Archive/2024/Beta\"}");
        assertEquals(200, same.status(), same.text());
        assertEquals("/Archive/2024/Beta", same.object().getString("full_path"));
    }

    @Test
    void moveRefusesBadTargets() {
        folder("/Mv/One/Inner");
        folder("/Mv/Two");
        String[][] cases = {
                {"{\"new_path\":\"/Mv/Two\"}", "400"},
                {"{\"new_path\":\"/Mv/One/Inner/Deeper\"}", "400"},
                {"{\"new_path\":\"/\"}", "400"},
                {"{\"new_path\":\"/a/../b\"}", "400"},
                {"{\"new_path\":\"  \"}", "400"},
                {"{}", "422"},
                {"{\"new_path\":null}", "422"},
                {"{\"new_path\":7}", "422"},
                {"[]", "422"},
                {"", "422"},
        };
        for (String[] c : cases) {
            HttpFixture.Response r = http.postJson("/folders/Mv/One/move", c[0]);
            assertEquals(Integer.parseInt(c[1]), r.status(), c[0] + " -> " + r.text());
        }
        assertEquals(200, http.get("/folders/Mv/One/Inner").status(), "nothing moved");
        HttpFixture.Response unknown = http.postJson("/folders/Mv/Nope/move", "{\"new_path\":\"/Elsewhere\"}");
        assertEquals(404, unknown.status());
        assertEquals("Folder Mv/Nope not found", unknown.detail());
        assertEquals(404, http.get("/folders/Elsewhere").status());
    }
}
