package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static quire.apitests.IngestTesting.utf8;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import quire.apitests.HttpFixture.Part;
import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentRecord;

/** Ingest and update routes in jwt mode: another owner's document is a 404, an app shares its documents (spec §5.3). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestScopingIT {
    @TempDir
    static Path dir;
    private QuireTestServer server;
    private HttpFixture alice;
    private HttpFixture bob;

    @BeforeAll
    void start() {
        server = TestingJwt.start(dir);
        alice = server.http().withToken(TestingJwt.token("alice"));
        bob = server.http().withToken(TestingJwt.token("bob"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String aliceDocument() {
        JsonObject doc = alice.postJson("/ingest/text", Json.createObjectBuilder()
                .add("content", "alice's private notes").add("folder_name", "/Shared")
                .add("metadata", Json.createObjectBuilder().add("owner", "alice")).build()).object();
        return doc.getString("external_id");
    }

    @Test
    void anotherOwnersDocumentCannotBeUpdatedOrRequeued() {
        String id = aliceDocument();
        AccessScope aliceScope = new AccessScope("alice", null);
        DocumentRecord before = IngestTesting.services(server).ingestion()
                .awaitSettled(aliceScope, id, java.time.Duration.ofSeconds(60)).orElseThrow();
        assertEquals("completed", before.status());

        assertEquals(404, bob.postJson("/documents/" + id + "/update_text", "{\"content\":\"bob was here\"}").status());
        assertEquals(404, bob.postJson("/documents/" + id + "/update_metadata", "{\"metadata\":{\"owner\":\"bob\"}}")
                .status());
        assertEquals(404, bob.postMultipart("/documents/" + id + "/update_file",
                List.of(Part.file("file", "b.txt", utf8("bob's file")))).status());
        JsonObject requeue = bob.postJson("/ingest/requeue", "{\"jobs\":[{\"external_id\":\"" + id + "\"}]}").object();
        assertEquals("not_found", requeue.getJsonArray("results").getJsonObject(0).getString("status"));
        JsonObject all = bob.postJson("/ingest/requeue", "{\"include_all\":true,\"statuses\":[\"completed\"]}").object();
        assertFalse(all.toString().contains(id), all.toString());

        DocumentRecord after = IngestTesting.services(server).storage().findDocument(aliceScope, id).orElseThrow();
        assertEquals(before.metadataJson(), after.metadataJson());
        assertEquals(before.storageInfoJson(), after.storageInfoJson());
        assertEquals(before.updatedAt(), after.updatedAt());
    }

    @Test
    void aFolderNameMakesTheCallersOwnFolder() {
        String aliceDoc = aliceDocument();
        JsonObject bobDoc = bob.postJson("/ingest/text", Json.createObjectBuilder()
                .add("content", "bob's notes").add("folder_name", "/Shared").build()).object();
        DocumentRecord a = IngestTesting.services(server).storage()
                .findDocument(new AccessScope("alice", null), aliceDoc).orElseThrow();
        assertEquals("/Shared", bobDoc.getString("folder_path"));
        assertNotEquals(a.folderId(), bobDoc.getString("folder_id"));
    }

    @Test
    void anAppTokenSharesDocumentsAcrossItsUsers() {
        HttpFixture carol = server.http().withToken(TestingJwt.token("carol", "app-1"));
        HttpFixture dave = server.http().withToken(TestingJwt.token("dave", "app-1"));
        String id = carol.postJson("/ingest/text", "{\"content\":\"app wide document\"}").object()
                .getString("external_id");
        HttpFixture.Response r = dave.postJson("/documents/" + id + "/update_metadata", "{\"metadata\":{\"by\":\"dave\"}}");
        assertEquals(200, r.status(), r.text());
        assertEquals("dave", r.object().getJsonObject("metadata").getString("by"));
        assertEquals("app-1", r.object().getString("app_id"));
    }

    @Test
    void noTokenIs401() {
        assertEquals(401, server.http().postJson("/ingest/text", "{\"content\":\"x\"}").status());
        assertEquals(401, server.http().postMultipart("/ingest/file",
                List.of(Part.file("file", "a.txt", utf8("a")))).status());
    }
}
