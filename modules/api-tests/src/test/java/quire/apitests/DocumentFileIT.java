package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.ingest.IngestionService;
import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentRecord;

/**
 * Download URLs and file streaming in jwt mode: a signed link serves the exact bytes without a
 * token, tampered and expired links are refused, hostile stored names stay inside their header,
 * and another owner's document is a 404 on every document route.
 */
class DocumentFileIT {
    @TempDir
    static Path dir;
    static QuireTestServer server;
    static HttpFixture anonymous;
    static HttpFixture alice;
    static HttpFixture bob;
    static TestingDocuments docs;
    static final AccessScope ALICE = new AccessScope("alice", null);
    static final byte[] BYTES = "first line\nsecond line ✓\n".getBytes(StandardCharsets.UTF_8);
    static DocumentRecord doc;

    @BeforeAll
    static void start() {
        server = TestingJwt.start(dir);
        anonymous = server.http();
        alice = anonymous.withToken(TestingJwt.token("alice"));
        bob = anonymous.withToken(TestingJwt.token("bob"));
        docs = new TestingDocuments(server, true);
        doc = docs.create(ALICE, null, null, "notes.txt", null, BYTES, true, "{}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String downloadUrl(HttpFixture client, String id, Object expiresIn) {
        HttpFixture.Response r = client.get(HttpFixture.query("/documents/" + id + "/download_url",
                expiresIn == null ? Map.of() : Map.of("expires_in", expiresIn)));
        assertEquals(200, r.status(), r.text());
        return r.object().getString("download_url");
    }

    /** The link format: HMAC-SHA256 over length-prefixed (purpose, id, owner, app, app marker, expires). */
    private String forge(String id, String owner, long expires) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(docs.services().signingKey(), "HmacSHA256"));
        for (String f : new String[] {"quire-document-file-v1", id, owner, "", "-", Long.toString(expires)}) {
            byte[] b = f.getBytes(StandardCharsets.UTF_8);
            mac.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
            mac.update(b);
        }
        String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
        return server.url() + "/documents/" + id + "/file?expires=" + expires + "&owner="
                + URLEncoder.encode(owner, StandardCharsets.UTF_8) + "&signature=" + sig;
    }

    @Test
    void downloadUrlServesTheExactBytesWithoutAToken() {
        HttpFixture.Response r = alice.get("/documents/" + doc.id() + "/download_url");
        assertEquals(200, r.status(), r.text());
        JsonObject body = r.object();
        assertEquals(Set.of("download_url", "expires_in"), body.keySet(), "response model keeps two keys");
        assertEquals(3600, body.getInt("expires_in"));
        String url = body.getString("download_url");
        assertTrue(url.startsWith(server.url() + "/documents/" + doc.id() + "/file?"), url);

        HttpFixture.Response file = anonymous.get(url);
        assertEquals(200, file.status(), file.text());
        assertArrayEquals(BYTES, file.bytes());
        assertEquals("text/plain", file.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(Long.toString(BYTES.length), file.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("inline; filename=\"notes.txt\"", file.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals("nosniff", file.headers().firstValue("X-Content-Type-Options").orElseThrow());

        assertEquals(120, alice.get("/documents/" + doc.id() + "/download_url?expires_in=120").object()
                .getInt("expires_in"));
    }

    @Test
    void fileWithTheBearerTokenAndWithoutAnything() throws Exception {
        HttpFixture.Response withToken = alice.get("/documents/" + doc.id() + "/file");
        assertEquals(200, withToken.status(), withToken.text());
        assertArrayEquals(BYTES, withToken.bytes());

        HttpFixture.Response none = anonymous.get("/documents/" + doc.id() + "/file");
        assertEquals(401, none.status());
        assertEquals("Missing authorization header", none.detail());

        // HEAD answers the headers of the GET
        HttpResponse<Void> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(downloadUrl(alice, doc.id(), null))).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
        assertEquals(Long.toString(BYTES.length), head.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void tamperedAndExpiredLinksAreRefused() throws Exception {
        String url = downloadUrl(alice, doc.id(), 600);
        String signature = url.substring(url.indexOf("signature=") + "signature=".length());
        char last = signature.charAt(signature.length() - 1);
        String tampered = url.substring(0, url.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertRefused(tampered, "Invalid download URL signature");

        long expires = Long.parseLong(url.replaceAll(".*expires=(\\d+).*", "$1"));
        assertRefused(url.replace("expires=" + expires, "expires=" + (expires + 3600)), "Invalid download URL signature");
        assertRefused(url.replace("owner=alice", "owner=bob"), "Invalid download URL signature");
        assertRefused(url.replace("&signature=" + signature, ""), "Invalid download URL signature");
        assertRefused(url + "&app=x", "Invalid download URL signature");
        // the link of one document does not open another
        DocumentRecord second = docs.create(ALICE, null, null, "second.txt", null, "two".getBytes(StandardCharsets.UTF_8),
                true, "{}");
        assertRefused(url.replace(doc.id(), second.id()), "Invalid download URL signature");

        // correctly signed but in the past
        assertRefused(forge(doc.id(), "alice", Instant.now().getEpochSecond() - 1), "Download URL has expired");
        // the forging helper agrees with the server: the same link in the future works
        HttpFixture.Response fresh = anonymous.get(forge(doc.id(), "alice", Instant.now().getEpochSecond() + 60));
        assertEquals(200, fresh.status(), fresh.text());
        // a bad signature never falls back to the token
        assertEquals(403, alice.get(tampered).status());
    }

    private static void assertRefused(String url, String detail) {
        HttpFixture.Response r = anonymous.get(url);
        assertEquals(403, r.status(), url + " -> " + r.text());
        assertEquals(detail, r.detail());
    }

    @Test
    void appScopedLinksCarryTheApp() {
        HttpFixture carol = anonymous.withToken(TestingJwt.token("carol", "app-1"));
        HttpFixture dave = anonymous.withToken(TestingJwt.token("dave", "app-1"));
        DocumentRecord d = docs.create(new AccessScope("carol", "app-1"), null, null, "app.txt", null,
                "app bytes".getBytes(StandardCharsets.UTF_8), true, "{}");
        String url = downloadUrl(dave, d.id(), null);
        assertTrue(url.contains("&app=app-1&"), url);
        assertEquals("app bytes", anonymous.get(url).text());
        assertRefused(url.replace("&app=app-1", ""), "Invalid download URL signature");
        assertRefused(url.replace("&app=app-1", "&app=app-2"), "Invalid download URL signature");
        assertEquals(200, carol.get("/documents/" + d.id()).status());
        assertEquals(404, alice.get("/documents/" + d.id() + "/download_url").status());
    }

    @Test
    void expiresInOutOfBoundsIs422() {
        for (String bad : new String[] {"0", "-5", "604801", "soon"}) {
            HttpFixture.Response r = alice.get("/documents/" + doc.id() + "/download_url?expires_in=" + bad);
            assertEquals(422, r.status(), bad + " -> " + r.text());
            assertEquals("[\"query\",\"expires_in\"]",
                    r.object().getJsonArray("detail").getJsonObject(0).getJsonArray("loc").toString());
        }
        assertEquals(200, alice.get("/documents/" + doc.id() + "/download_url?expires_in=604800").status());
    }

    @Test
    void missingFileIs404() throws Exception {
        DocumentRecord d = docs.create(ALICE, null, null, "gone.txt", null, "bytes".getBytes(StandardCharsets.UTF_8),
                true, "{}");
        String url = downloadUrl(alice, d.id(), null);
        docs.services().blobs().delete(IngestionService.SOURCE_BUCKET, d.id() + "/source");
        HttpFixture.Response link = alice.get("/documents/" + d.id() + "/download_url");
        assertEquals(404, link.status());
        assertEquals("File not found for document", link.detail());
        assertEquals(404, anonymous.get(url).status());
        assertEquals(404, alice.get("/documents/" + d.id() + "/file").status());
        assertEquals(404, alice.get("/documents/no-such-id/file").status());
        assertEquals("Document not found", alice.get("/documents/no-such-id/download_url").detail());
    }

    @Test
    void hostileFilenamesStayInsideContentDisposition() {
        String hostile = "evil\"\r\nSet-Cookie: owned=1\r\n\r\n<script>.txt";
        // straight into storage: the ingest routes may clean names, but stored rows can hold anything
        DocumentRecord d = docs.createDirect(ALICE, hostile, "x".getBytes(StandardCharsets.UTF_8));
        HttpFixture.Response r = alice.get("/documents/" + d.id() + "/file");
        assertEquals(200, r.status(), r.text());
        assertFalse(r.headers().firstValue("Set-Cookie").isPresent(), "no injected header");
        String disposition = r.headers().firstValue("Content-Disposition").orElseThrow();
        assertTrue(disposition.startsWith("inline; filename=\"evil_Set-Cookie: owned=1<script>.txt\""), disposition);
        assertEquals(2, disposition.chars().filter(c -> c == '"').count(), "one quoted string: " + disposition);
        assertTrue(disposition.endsWith("; filename*=UTF-8''evil%22Set-Cookie%3A%20owned%3D1%3Cscript%3E.txt"), disposition);
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), r.bytes());

        DocumentRecord unicode = docs.create(ALICE, null, null, "dir/résumé 日本.txt", null,
                "y".getBytes(StandardCharsets.UTF_8), true, "{}");
        String u = alice.get("/documents/" + unicode.id() + "/file").headers().firstValue("Content-Disposition")
                .orElseThrow();
        assertEquals("inline; filename=\"r_sum_ __.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%E6%97%A5%E6%9C%AC.txt", u);
    }

    @Test
    void activeContentIsSandboxed() {
        DocumentRecord html = docs.create(ALICE, null, null, "page.html", "text/html",
                "<html><body><script>alert(1)</script>hello</body></html>".getBytes(StandardCharsets.UTF_8), false, "{}");
        HttpFixture.Response r = alice.get("/documents/" + html.id() + "/file");
        assertEquals(200, r.status(), r.text());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"),
                r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("sandbox", r.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertFalse(alice.get("/documents/" + doc.id() + "/file").headers().firstValue("Content-Security-Policy")
                .isPresent());
    }

    @Test
    void anotherOwnersDocumentIsNotFoundEverywhere() {
        String base = "/documents/" + doc.id();
        assertEquals("Document not found", bob.get(base).detail());
        assertEquals(404, bob.get(base + "/status").status());
        assertEquals(404, bob.get(base + "/download_url").status());
        assertEquals(404, bob.get(base + "/file").status());
        assertEquals(404, bob.get("/documents/filename/notes.txt").status());
        assertEquals("[]", bob.postJson("/batch/documents", Json.createObjectBuilder()
                .add("document_ids", Json.createArrayBuilder().add(doc.id())).build()).text());
        assertEquals("[]", bob.postJson("/search/documents", "{\"query\": \"notes\"}").text());
        assertEquals(0, bob.postJson("/documents/list_docs", "{}").object().getInt("returned_count"));
        assertEquals("[]", bob.postJson("/documents?skip=0&limit=10", "{}").text());
        HttpFixture.Response del = bob.delete(base);
        assertEquals(404, del.status());
        assertEquals("Document not found or delete failed", del.detail());

        // still there for its owner
        assertEquals(200, alice.get(base).status());
        assertEquals(doc.id(), alice.get("/documents/filename/notes.txt").object().getString("external_id"));
        assertTrue(alice.postJson("/documents/list_docs", "{}").object().getInt("returned_count") >= 1);
        assertEquals(401, anonymous.get(base).status());
    }
}
