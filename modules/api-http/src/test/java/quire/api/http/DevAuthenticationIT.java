package quire.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

class DevAuthenticationIT {

    @Test
    void everyCallerIsTheDeveloperAndTheHeaderIsIgnored() throws Exception {
        try (TestingServer s = new TestingServer()) {
            for (String header : new String[] {null, "Bearer garbage", "Basic abc"}) {
                var b = s.request("/test/whoami").GET();
                if (header != null) {
                    b.header("Authorization", header);
                }
                HttpResponse<String> r = s.send(b.build());
                assertEquals(200, r.statusCode(), r.body());
                JsonObject p = TestingServer.object(r);
                assertEquals("dev_user", p.getString("user_id"));
                assertTrue(p.isNull("app_id"));
                assertEquals("[\"admin\",\"read\",\"write\"]", p.getJsonArray("permissions").toString());
                assertEquals("developer", p.getString("entity_type"));
            }
        }
    }

    @Test
    void devUserIdIsConfigurable() throws Exception {
        try (TestingServer s = new TestingServer(new DevAuthenticator("carol"), 1024)) {
            assertEquals("carol", TestingServer.object(s.get("/test/whoami")).getString("user_id"));
        }
    }
}
