package quire.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ErrorResponsesIT {

    private static final long LIMIT = 64 * 1024;
    private static TestingServer server;

    @BeforeAll
    static void start() {
        server = new TestingServer(new DevAuthenticator(null), LIMIT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void unknownRouteIs404WithDetail() throws Exception {
        HttpResponse<String> r = server.get("/no/such/route?x=1");
        assertEquals(404, r.statusCode());
        assertEquals("{\"detail\":\"Not Found\"}", r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> r = server.send(server.request("/ping").DELETE().build());
        assertEquals(405, r.statusCode());
        assertEquals("{\"detail\":\"Method Not Allowed\"}", r.body());
        assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void malformedJsonIs422JsonInvalidAtTheOffset() throws Exception {
        HttpResponse<String> r = server.postJson("/test/echo", "{\"query\": tru");
        assertEquals(422, r.statusCode());
        JsonObject error = TestingServer.object(r).getJsonArray("detail").getJsonObject(0);
        assertEquals("json_invalid", error.getString("type"));
        assertEquals("JSON decode error", error.getString("msg"));
        JsonArray loc = error.getJsonArray("loc");
        assertEquals("body", loc.getString(0));
        assertTrue(loc.getJsonNumber(1).intValue() >= 10, loc.toString());
    }

    @Test
    void trailingGarbageIsMalformed() throws Exception {
        HttpResponse<String> r = server.postJson("/test/echo", "{\"query\":\"a\"} x");
        assertEquals(422, r.statusCode());
        assertEquals("json_invalid", TestingServer.object(r).getJsonArray("detail").getJsonObject(0).getString("type"));
    }

    @Test
    void wrongTypesAreAllReportedAtOnce() throws Exception {
        HttpResponse<String> r = server.postJson("/test/echo",
                "{\"query\": 12, \"k\": \"many\", \"flag\": \"perhaps\", \"tags\": [\"a\", 3]}");
        assertEquals(422, r.statusCode());
        JsonArray detail = TestingServer.object(r).getJsonArray("detail");
        assertEquals(4, detail.size(), detail.toString());
        assertError(detail.getJsonObject(0), "string_type", List.of("body", "query"), "Input should be a valid string");
        assertError(detail.getJsonObject(1), "int_parsing", List.of("body", "k"),
                "Input should be a valid integer, unable to parse string as an integer");
        assertError(detail.getJsonObject(2), "bool_parsing", List.of("body", "flag"),
                "Input should be a valid boolean, unable to interpret input");
        assertEquals("[\"body\",\"tags\",1]", detail.getJsonObject(3).getJsonArray("loc").toString());
        assertEquals("string_type", detail.getJsonObject(3).getString("type"));
    }

    @Test
    void missingFieldAndMissingBody() throws Exception {
        JsonObject missingField = TestingServer.object(server.postJson("/test/echo", "{\"k\": 3}"))
                .getJsonArray("detail").getJsonObject(0);
        assertError(missingField, "missing", List.of("body", "query"), "Field required");

        HttpResponse<String> empty = server.send(server.request("/test/echo")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(422, empty.statusCode());
        assertError(TestingServer.object(empty).getJsonArray("detail").getJsonObject(0), "missing",
                List.of("body"), "Field required");

        HttpResponse<String> array = server.postJson("/test/echo", "[1,2]");
        assertEquals(422, array.statusCode());
        assertEquals("model_attributes_type",
                TestingServer.object(array).getJsonArray("detail").getJsonObject(0).getString("type"));
    }

    @Test
    void laxCoercionsAreAccepted() throws Exception {
        HttpResponse<String> r = server.postJson("/test/echo", "{\"query\":\"q\",\"k\":\"7\",\"flag\":\"yes\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"query\":\"q\",\"k\":7,\"flag\":true,\"tags\":[]}", r.body());
    }

    @Test
    void handlerBugIs500WithoutInternals() throws Exception {
        HttpResponse<String> r = server.get("/test/boom");
        assertEquals(500, r.statusCode());
        assertEquals("{\"detail\":\"Internal Server Error\"}", r.body());
    }

    @Test
    void bothSlashSpellingsAnswerDirectly() throws Exception {
        assertEquals(200, server.get("/test/slash").statusCode());
        assertEquals(200, server.get("/test/slash/").statusCode());
    }

    @Test
    void declaredOversizedBodyIs413BeforeTheBodyIsSent() throws Exception {
        // Declares 10 GB and sends nothing: the answer proves the server did not wait for the body.
        String response = RawHttp.exchange(server.server.port(),
                "POST /test/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 10737418240\r\nConnection: close", null);
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.endsWith("{\"detail\":\"Request body too large: the limit is 64 KB\"}"), response);
        assertEquals(200, server.get("/ping").statusCode());
    }

    @Test
    void declaredOversizedBodyOnAKeptAliveConnectionClosesIt() throws Exception {
        String response = RawHttp.exchange(server.server.port(),
                "POST /ping HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10737418240", null);
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), response);
    }

    @Test
    void headIsAnsweredForGetRoutesWithoutABody() throws Exception {
        HttpResponse<String> r = server.send(server.request("/ping").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
    }

    @Test
    void oversizedBodyThroughHttpClientIs413() throws Exception {
        byte[] big = new byte[(int) LIMIT + 1];
        HttpResponse<String> r = server.send(server.request("/test/count")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build());
        assertEquals(413, r.statusCode());
        assertTrue(r.body().startsWith("{\"detail\":\"Request body too large"), r.body());
        assertEquals(200, server.get("/ping").statusCode());
    }

    @Test
    void chunkedOversizedBodyIs413WhileStreaming() throws Exception {
        byte[] chunk = new byte[16 * 1024];
        // No length known up front: the client sends Transfer-Encoding: chunked.
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofByteArrays(java.util.Collections.nCopies(8, chunk)));
        HttpResponse<String> r = server.send(server.request("/test/count").POST(publisher).build());
        assertEquals(413, r.statusCode(), r.body());
        assertEquals(200, server.get("/ping").statusCode());

        HttpRequest.BodyPublisher small = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofByteArrays(java.util.Collections.nCopies(2, chunk)));
        HttpResponse<String> ok = server.send(server.request("/test/count").POST(small).build());
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("{\"bytes\":32768}", ok.body());
    }

    @Test
    void protocolErrorsAlsoUseTheDetailBody() throws Exception {
        String response = RawHttp.exchange(server.server.port(), "GET /ping HTTP/1.1\r\nHost localhost-no-colon", null);
        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        assertTrue(response.contains("{\"detail\":"), response);
        assertFalse(response.contains("localhost-no-colon"), response);
    }

    private static void assertError(JsonObject error, String type, List<String> loc, String msg) {
        assertEquals(type, error.getString("type"), error.toString());
        assertEquals(loc, error.getJsonArray("loc").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(msg, error.getString("msg"));
    }
}
