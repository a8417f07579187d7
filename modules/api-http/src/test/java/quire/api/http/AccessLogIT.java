package quire.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

class AccessLogIT {

    @Test
    void accessLogNamesTheCallerButNeverTheToken() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getLoggerName() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        // Capture everything (root), so a token written by any logger would be caught.
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        root.setLevel(Level.ALL);
        Logger.getLogger(AccessLogFilter.LOGGER).setLevel(Level.INFO);
        root.addHandler(capture);
        String token = TestingTokens.valid("alice");
        String badToken = TestingTokens.unsigned("mallory");
        try (TestingServer s = new TestingServer(new JwtAuthenticator(TestingTokens.SECRET, Clock.systemUTC()), 1024)) {
            assertEquals(200, s.send(s.request("/test/whoami?token=" + token).header("Authorization", "Bearer " + token)
                    .GET().build()).statusCode());
            assertEquals(401, s.send(s.request("/test/whoami").header("Authorization", "Bearer " + badToken)
                    .GET().build()).statusCode());
        } finally {
            root.removeHandler(capture);
            root.setLevel(before);
        }
        List<String> access = lines.stream().filter(l -> l.startsWith(AccessLogFilter.LOGGER + " ")).toList();
        assertTrue(access.stream().anyMatch(l -> l.contains("GET /test/whoami 200 ") && l.endsWith("user=alice")), lines.toString());
        assertTrue(access.stream().anyMatch(l -> l.contains("GET /test/whoami 401 ") && l.endsWith("user=-")), lines.toString());
        for (String line : lines) {
            assertFalse(line.contains(token), "token leaked: " + line);
            assertFalse(line.contains(badToken.substring(0, 20)), "token leaked: " + line);
            assertFalse(line.contains("?token="), "query string leaked: " + line);
        }
    }
}
