package quire.plugin.llm.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import quire.spi.ExtensionPoint;
import quire.spi.PluginException;
import quire.spi.testkit.TestingPluginConfig;

/** Configuration keys, defaults and the start-up errors an operator sees. */
class OpenAiSettingsTest {
    private final OpenAiCompletionProviderFactory factory = new OpenAiCompletionProviderFactory();

    @Test
    void factoryDeclaresItself() {
        assertEquals("openai", factory.id());
        assertEquals(ExtensionPoint.COMPLETION, factory.extensionPoint());
        assertTrue(factory.configProperties().stream().anyMatch(p -> p.name().equals("api-key") && p.secret()));
    }

    @Test
    void defaults() {
        OpenAiSettings s = settings(Map.of("base-url", "http://localhost:11434/v1/", "model", " llama3.1:8b "));
        assertEquals(URI.create("http://localhost:11434/v1/chat/completions"), s.endpoint());
        assertEquals("llama3.1:8b", s.model());
        assertEquals(Duration.ofSeconds(60), s.timeout());
        assertEquals(3, s.maxRetries());
        assertEquals(Duration.ofMillis(500), s.retryBackoff());
        assertNull(s.maxTokens());
        assertNull(s.temperature());
        assertNull(s.apiKey());
        assertEquals(JsonMode.JSON_SCHEMA, s.jsonMode());
        assertTrue(s.streamUsage());
    }

    @Test
    void theDisplayUrlDropsUserInfoAndToStringTheKey() {
        OpenAiSettings s = settings(Map.of("base-url", "https://user:pw@llm.example.com:8443/v1", "model", "m",
                "api-key", "sk-abc", "json-mode", "JSON-OBJECT", "max-tokens", "100", "temperature", "0"));
        assertEquals("https://llm.example.com:8443/v1", s.displayUrl());
        assertEquals("sk-abc", s.apiKey());
        assertEquals(JsonMode.JSON_OBJECT, s.jsonMode());
        assertEquals(100, s.maxTokens());
        assertEquals(0.0, s.temperature());
        assertTrue(!s.toString().contains("sk-abc") && !s.toString().contains("pw"), s.toString());
    }

    @Test
    void refusesBadValuesNamingTheKey() {
        assertError("base-url", Map.of("base-url", "localhost:11434", "model", "m"));
        assertError("base-url", Map.of("base-url", "ftp://host/v1", "model", "m"));
        assertError("base-url", Map.of("base-url", "http://host/v1?x=1", "model", "m"));
        assertError("model", Map.of("base-url", "http://host/v1", "model", "  "));
        assertError("json-mode", Map.of("base-url", "http://host/v1", "model", "m", "json-mode", "grammar"));
        assertError("temperature", Map.of("base-url", "http://host/v1", "model", "m", "temperature", "3"));
        assertError("max-tokens", Map.of("base-url", "http://host/v1", "model", "m", "max-tokens", "0"));
        assertError("timeout", Map.of("base-url", "http://host/v1", "model", "m", "timeout", "0s"));
        assertError("max-retries", Map.of("base-url", "http://host/v1", "model", "m", "max-retries", "-1"));
        PluginException missing = assertThrows(PluginException.class,
                () -> TestingPluginConfig.of("quire.completion.openai", factory.configProperties(), Map.of("model", "m")));
        assertTrue(missing.getMessage().contains("quire.completion.openai.base-url"), missing.getMessage());
    }

    private void assertError(String key, Map<String, String> values) {
        PluginException e = assertThrows(PluginException.class, () -> settings(values));
        assertTrue(e.getMessage().contains("quire.completion.openai." + key), e.getMessage());
    }

    private OpenAiSettings settings(Map<String, String> values) {
        return OpenAiSettings.from(TestingPluginConfig.of("quire.completion.openai", factory.configProperties(), new HashMap<>(values)));
    }
}
