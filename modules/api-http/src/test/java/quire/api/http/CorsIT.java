package quire.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

import org.junit.jupiter.api.Test;

class CorsIT {

    @Test
    void preflightIsAnsweredWithoutAuthentication() throws Exception {
        try (TestingServer s = new TestingServer(new JwtAuthenticator(TestingTokens.SECRET, Clock.systemUTC()), 1024)) {
            HttpResponse<String> r = s.send(s.request("/test/echo")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://app.example")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization, content-type").build());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("http://app.example", r.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            assertEquals("true", r.headers().firstValue("Access-Control-Allow-Credentials").orElseThrow());
            assertTrue(r.headers().firstValue("Access-Control-Allow-Methods").orElseThrow().contains("POST"));
            assertEquals("authorization, content-type",
                    r.headers().firstValue("Access-Control-Allow-Headers").orElseThrow());
        }
    }

    @Test
    void simpleAndErrorResponsesCarryCorsHeaders() throws Exception {
        try (TestingServer s = new TestingServer(new JwtAuthenticator(TestingTokens.SECRET, Clock.systemUTC()), 1024)) {
            HttpResponse<String> ok = s.send(s.request("/ping").header("Origin", "http://a.example").GET().build());
            assertEquals("http://a.example", ok.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            assertEquals("true", ok.headers().firstValue("Access-Control-Allow-Credentials").orElseThrow());

            HttpResponse<String> denied = s.send(s.request("/test/whoami").header("Origin", "http://a.example").GET().build());
            assertEquals(401, denied.statusCode());
            assertEquals("http://a.example", denied.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());

            HttpResponse<String> missing = s.send(s.request("/nope").header("Origin", "http://a.example").GET().build());
            assertEquals(404, missing.statusCode());
            assertEquals("http://a.example", missing.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        }
    }

    @Test
    void noOriginNoCorsHeaders() throws Exception {
        try (TestingServer s = new TestingServer()) {
            HttpResponse<String> r = s.get("/ping");
            assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
    }
}
