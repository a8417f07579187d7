package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static quire.apitests.RetrievalCalls.body;
import static quire.apitests.RetrievalCalls.chunks;
import static quire.apitests.RetrievalCalls.documents;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentRecord;

/**
 * In jwt mode retrieval sees only the caller's documents: another user's text never appears,
 * however well it matches, through any retrieval route, batch lookups by id included; an app
 * token sees the app's documents whoever ingested them (spec §5.3).
 */
class RetrieveScopingIT {
    private static final String QUERY = "aardvark burrow termite supper";

    @TempDir
    static Path dir;
    static QuireTestServer server;
    static HttpFixture alice;
    static HttpFixture bob;
    static DocumentRecord aliceDoc;
    static DocumentRecord bobDoc;
    static DocumentRecord appDoc;

    @BeforeAll
    static void start() {
        server = TestingJwt.start(dir);
        alice = server.http().withToken(TestingJwt.token("alice"));
        bob = server.http().withToken(TestingJwt.token("bob"));
        TestingDocuments docs = new TestingDocuments(server, true);
        aliceDoc = docs.create(new AccessScope("alice", null), null, null, "a.txt", null,
                "The aardvark digs a burrow and eats termite supper at night.".getBytes(StandardCharsets.UTF_8), true, "{}");
        bobDoc = docs.create(new AccessScope("bob", null), null, null, "b.txt", null,
                "Bob keeps notes on garden snails and lettuce.".getBytes(StandardCharsets.UTF_8), true, "{}");
        appDoc = docs.create(new AccessScope("carol", "zoo-app"), null, null, "z.txt", null,
                "Zoo keepers feed the aardvark termite supper.".getBytes(StandardCharsets.UTF_8), true, "{}");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anotherUsersDocumentsNeverAppear() {
        assertEquals(List.of(bobDoc.id()), documents(chunks(bob, QUERY, 10)));
        assertEquals(List.of(aliceDoc.id()), documents(chunks(alice, QUERY, 10)));
        for (String route : List.of("/retrieve/chunks/grouped", "/retrieve/docs")) {
            HttpFixture.Response r = bob.postJson(route, body(QUERY, 10).build());
            assertEquals(200, r.status(), r::text);
            assertFalse(r.text().contains(aliceDoc.id()), route);
            assertFalse(r.text().contains(appDoc.id()), route);
        }
    }

    @Test
    void batchChunksDropsAnotherUsersChunks() {
        String body = "{\"sources\":[{\"document_id\":\"" + aliceDoc.id() + "\",\"chunk_number\":0,\"score\":1.0},"
                + "{\"document_id\":\"" + bobDoc.id() + "\",\"chunk_number\":0}]}";
        HttpFixture.Response r = bob.postJson("/batch/chunks", body);
        assertEquals(200, r.status(), r::text);
        assertEquals(List.of(bobDoc.id() + "#0"), RetrievalCalls.keys(r.array()));
    }

    @Test
    void anAppTokenSeesTheAppsDocumentsOnly() {
        HttpFixture dave = server.http().withToken(TestingJwt.token("dave", "zoo-app"));
        assertEquals(List.of(appDoc.id()), documents(chunks(dave, QUERY, 10)));
        assertEquals(List.of(aliceDoc.id()), documents(chunks(alice, QUERY, 10)), "the app's document is not alice's");
    }

    @Test
    void retrievalNeedsAToken() {
        HttpFixture anonymous = server.http();
        assertEquals(401, anonymous.postJson("/retrieve/chunks", body(QUERY, 1).build()).status());
        assertEquals(401, anonymous.postJson("/batch/chunks", "{\"sources\":[]}").status());
    }
}
