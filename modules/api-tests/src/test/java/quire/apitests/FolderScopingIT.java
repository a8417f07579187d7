package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.spi.storage.AccessScope;

/**
 * In jwt mode another user's folder is invisible: every folder route answers 404 for it (never
 * 403, never a leak), and the same path names a different folder for each user.
 */
class FolderScopingIT {
    private static final String SECRET = "folder-scoping-it-secret-0123456789abcdef";

    @TempDir
    static Path dir;
    static QuireTestServer server;
    static HttpFixture alice;
    static HttpFixture bob;
    /** Creates folders of her own; bob stays empty so his listings can be checked. */
    static HttpFixture carol;
    static FolderSeeds seeds;
    static JsonObject aliceFolder;
    static String aliceDoc;

    @BeforeAll
    static void start() {
        server = QuireTestServer.start(dir, Map.of("quire.auth.mode", "jwt"), Map.of("JWT_SECRET_KEY", SECRET));
        alice = server.http().withToken(token("alice"));
        bob = server.http().withToken(token("bob"));
        carol = server.http().withToken(token("carol"));
        seeds = new FolderSeeds(server);
        HttpFixture.Response r = alice.postJson("/folders", "{\"name\":\"Private\",\"full_path\":\"/Private/Inner\"}");
        assertEquals(200, r.status(), r.text());
        aliceFolder = alice.get("/folders/Private").object();
        aliceDoc = seeds.text(alice, new AccessScope("alice", null), "/Private", "a.txt", "alice's text").id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token(String userId) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("user_id", userId)
                .expirationTime(Date.from(Instant.now().plusSeconds(3600))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anotherUsersFolderIsNotFoundOnEveryRoute() {
        String id = aliceFolder.getString("id");
        for (String x : new String[] {"Private", "/Private", "Private/Inner", "Inner", id}) {
            HttpFixture.Response r = bob.get("/folders/" + x);
            assertEquals(404, r.status(), x + " -> " + r.text());
            assertEquals("Folder " + x + " not found", r.detail());
        }
        assertEquals(404, bob.delete("/folders/" + id + "?recursive=true").status());
        assertEquals(404, bob.postJson("/folders/" + id + "/move", "{\"new_path\":\"/Stolen\"}").status());
        assertEquals(404, bob.postJson("/folders/" + id + "/documents/" + aliceDoc, "").status());
        assertEquals(404, bob.delete("/folders/" + id + "/documents/" + aliceDoc).status());
        assertEquals(404, bob.postJson("/folders/details", "{\"identifiers\":[\"" + id + "\"]}").status());
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, bob.get("/folders").json());
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, bob.get("/folders/summary").json());
        assertEquals(0, bob.postJson("/folders/details", "{}").object().getJsonArray("folders").size());

        // nothing changed for alice
        JsonObject still = alice.get("/folders/Private").object();
        assertEquals("/Private", still.getString("full_path"));
        assertEquals(aliceDoc, still.getJsonArray("document_ids").getString(0));
        assertEquals(200, alice.get("/folders/Private/Inner").status());
        assertNotNull(seeds.find(new AccessScope("alice", null), aliceDoc));
    }

    @Test
    void aDocumentOfAnotherUserCannotBeFiledIntoOnesOwnFolder() {
        HttpFixture.Response own = carol.postJson("/folders", "{\"name\":\"BobBox\"}");
        assertEquals(200, own.status(), own.text());
        HttpFixture.Response r = carol.postJson("/folders/BobBox/documents/" + aliceDoc, "");
        assertEquals(404, r.status(), r.text());
        assertEquals("Document " + aliceDoc + " not found", r.detail());
        assertEquals("/Private", seeds.find(new AccessScope("alice", null), aliceDoc).folderPath());
    }

    @Test
    void theSamePathIsADifferentFolderPerUser() {
        HttpFixture.Response r = carol.postJson("/folders", "{\"name\":\"Private\"}");
        assertEquals(200, r.status(), r.text());
        assertNotEquals(aliceFolder.getString("id"), r.object().getString("id"));
        assertTrue(r.object().getJsonArray("document_ids").isEmpty());
        assertEquals(r.object().getString("id"), carol.get("/folders/Private").object().getString("id"));
        assertEquals(aliceFolder.getString("id"), alice.get("/folders/Private").object().getString("id"));
    }

    @Test
    void folderRoutesNeedAToken() {
        HttpFixture anonymous = server.http();
        assertEquals(401, anonymous.get("/folders").status());
        assertEquals(401, anonymous.get("/folders/Private").status());
        assertEquals(401, anonymous.postJson("/folders", "{\"name\":\"x\"}").status());
        assertEquals(401, anonymous.delete("/folders/Private").status());
    }
}
