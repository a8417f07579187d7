package quire.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quire.spi.ConfigProperty;
import quire.spi.ConfigType;
import quire.spi.PluginConfig;
import quire.spi.ProviderFactory;

/** Precedence, environment mapping, strict keys, types, required keys and secret masking. */
class KernelConfigTest {
    private static final List<ConfigProperty> HOST = List.of(
            ConfigProperty.optional("server.port", ConfigType.INT, "8000", "HTTP port"),
            ConfigProperty.optional("server.max-body-size", ConfigType.SIZE, "100MB", "largest body"),
            ConfigProperty.optional("auth.mode", ConfigType.STRING, "dev", "dev or jwt"),
            new ConfigProperty("auth.jwt-secret", ConfigType.STRING, null, false, true, "HS256 secret"));

    @TempDir
    Path tmp;

    private final List<String> events = TestingFactory.events();

    private Path yaml(String text) throws Exception {
        return Files.writeString(tmp.resolve("application.yaml"), text);
    }

    private Kernel start(Path file, Map<String, String> env, Map<String, String> overrides, ProviderFactory<?>... f) {
        return Kernel.start(new KernelOptions(file, null, tmp.resolve("data"), env, overrides, HOST), List.of(f));
    }

    private TestingFactory.Spec chunkerSpec() {
        return new TestingFactory.Spec(events).properties(
                ConfigProperty.optional("size", ConfigType.SIZE, "1KB", "chunk size"),
                ConfigProperty.optional("timeout", ConfigType.DURATION, "30s", "how long"),
                ConfigProperty.optional("index", ConfigType.PATH, "idx", "index dir"),
                ConfigProperty.optional("separators", ConfigType.LIST, "\\n\\n,\\n", "split points"),
                ConfigProperty.optional("lower", ConfigType.BOOLEAN, "false", "lower-case"),
                ConfigProperty.secret("api-key", "remote key"));
    }

    @Test
    void precedenceIsOverridesThenEnvironmentThenFileThenDefaults() throws Exception {
        Path file = yaml("quire:\n  server:\n    port: 8001\n");
        try (Kernel k = start(null, Map.of(), Map.of())) {
            assertEquals(8000, k.hostConfig().intValue("server.port"));
        }
        try (Kernel k = start(file, Map.of(), Map.of())) {
            assertEquals(8001, k.hostConfig().intValue("server.port"));
        }
        try (Kernel k = start(file, Map.of("QUIRE_SERVER_PORT", "8002"), Map.of())) {
            assertEquals(8002, k.hostConfig().intValue("server.port"));
        }
        try (Kernel k = start(file, Map.of("QUIRE_SERVER_PORT", "8002"), Map.of("quire.server.port", "8003"))) {
            assertEquals(8003, k.hostConfig().intValue("server.port"));
        }
    }

    @Test
    void environmentNamesFollowTheDocumentedMapping() throws Exception {
        assertEquals("QUIRE_STORAGE_JDBC_POOL_SIZE", ConfigBinder.environmentName("quire.storage.jdbc.pool-size"));
        assertEquals("QUIRE_BLOB_STORE_PROVIDER", ConfigBinder.environmentName("quire.blob-store.provider"));
        TestingFactory.Spec spec = chunkerSpec();
        Map<String, String> env = Map.of("QUIRE_CHUNKER_PROVIDER", "words", "QUIRE_CHUNKER_WORDS_SIZE", "2MB",
                "QUIRE_SERVER_MAX_BODY_SIZE", "1GB",
                "QUIRE_TEST_PG_URL", "jdbc:postgresql://ignored", "QUIRE_SOMETHING_ELSE", "unrelated variables are ignored");
        try (Kernel k = start(null, env, Map.of(), TestingFactory.chunker("words", spec))) {
            assertEquals(2L << 20, spec.config.size("size"));
            assertEquals(1L << 30, k.hostConfig().size("server.max-body-size"));
        }
    }

    @Test
    void typedValuesFromYamlIncludingListsPathsAndDefaults() throws Exception {
        Path file = yaml("""
                quire:
                  chunker:
                    provider: words
                    words:
                      size: 100MB
                      timeout: 5m
                      index: sub/dir
                      separators: [ ". ", "; " ]
                      lower: true
                """);
        TestingFactory.Spec spec = chunkerSpec();
        try (Kernel k = start(file, Map.of(), Map.of(), TestingFactory.chunker("words", spec))) {
            PluginConfig c = spec.config;
            assertEquals("quire.chunker.words", c.path());
            assertEquals(100L << 20, c.size("size"));
            assertEquals(Duration.ofMinutes(5), c.duration("timeout"));
            assertEquals(tmp.resolve("data/sub/dir").toAbsolutePath(), c.pathValue("index"));
            assertEquals(List.of(". ", "; "), c.list("separators"));
            assertTrue(c.booleanValue("lower"));
            assertFalse(c.keys().contains("api-key"), "unset optional without default has no value");
            assertTrue(c.string("api-key").isEmpty());
            assertThrows(quire.spi.PluginException.class, () -> c.string("undeclared"));
            quire.spi.PluginException wrongGetter = assertThrows(quire.spi.PluginException.class, () -> c.intValue("timeout"));
            assertEquals("configuration quire.chunker.words.timeout (declared DURATION) cannot be read as an integer",
                    wrongGetter.getMessage());
            assertEquals(tmp.resolve("data").toAbsolutePath(), k.hostConfig().pathValue("data-dir"));
        }
        try (Kernel k = start(null, Map.of(), Map.of("quire.chunker.provider", "words",
                "quire.chunker.words.timeout", "PT30S", "quire.chunker.words.separators", "a, b"),
                TestingFactory.chunker("words", spec))) {
            assertEquals(Duration.ofSeconds(30), spec.config.duration("timeout"));
            assertEquals(List.of("a", "b"), spec.config.list("separators"));
            assertEquals(1024, spec.config.size("size"), "declared default applies");
            assertTrue(k.provider(quire.spi.chunker.Chunker.class).isPresent());
        }
    }

    @Test
    void emptyValueMeansUnsetSoTheDefaultApplies() throws Exception {
        Path file = yaml("quire:\n  server:\n    port: \"\"\n");
        try (Kernel k = start(file, Map.of(), Map.of())) {
            assertEquals(8000, k.hostConfig().intValue("server.port"));
        }
    }

    @Test
    void dataDirectoryComesFromConfigWhenNoOptionIsGiven() throws Exception {
        Path file = yaml("quire:\n  data-dir: " + tmp.resolve("elsewhere") + "\n");
        try (Kernel k = Kernel.start(new KernelOptions(file, null, null, Map.of(), Map.of(), HOST))) {
            assertEquals(tmp.resolve("elsewhere").toAbsolutePath(), k.hostConfig().pathValue("data-dir"));
        }
    }

    @Test
    void unreadableOrMissingFileFailsClearly() throws Exception {
        KernelException bad = assertThrows(KernelException.class,
                () -> start(yaml("quire:\n  server: [unclosed\n"), Map.of(), Map.of()));
        assertTrue(bad.getMessage().startsWith("cannot read configuration file"), bad.getMessage());
        KernelException missing = assertThrows(KernelException.class,
                () -> start(tmp.resolve("nope.yaml"), Map.of(), Map.of()));
        assertTrue(missing.getMessage().contains("nope.yaml does not exist"), missing.getMessage());
    }

    @Test
    void unknownKeyInFileFailsNamingTheFullKey() throws Exception {
        Path file = yaml("""
                quire:
                  chunker:
                    provider: words
                    words:
                      sise: 2KB
                """);
        KernelException e = assertThrows(KernelException.class,
                () -> start(file, Map.of(), Map.of(), TestingFactory.chunker("words", chunkerSpec())));
        assertEquals("unknown configuration key quire.chunker.words.sise in the configuration file "
                + "(did you mean quire.chunker.words.size?)", e.getMessage());
    }

    @Test
    void unknownKeysOfHostAndOfMissingPluginsAndInOverridesFail() throws Exception {
        KernelException host = assertThrows(KernelException.class,
                () -> start(yaml("quire:\n  server:\n    prot: 1\n"), Map.of(), Map.of()));
        assertTrue(host.getMessage().contains("quire.server.prot"), host.getMessage());

        KernelException plugin = assertThrows(KernelException.class,
                () -> start(yaml("quire:\n  storage:\n    jdbc:\n      urll: x\n"), Map.of(), Map.of()));
        assertEquals("unknown configuration key quire.storage.jdbc.urll in the configuration file "
                + "(no storage plugin 'jdbc' is installed)", plugin.getMessage());

        KernelException noKeys = assertThrows(KernelException.class, () -> start(null, Map.of(),
                Map.of("quire.workflow-steps.plain.x", "1"), TestingFactory.step("plain", new TestingFactory.Spec(events))));
        assertEquals("unknown configuration key quire.workflow-steps.plain.x in the overrides", noKeys.getMessage());

        KernelException override = assertThrows(KernelException.class,
                () -> start(null, Map.of(), Map.of("quire.auth.mood", "jwt")));
        assertEquals("unknown configuration key quire.auth.mood in the overrides (did you mean quire.auth.mode?)",
                override.getMessage());

        KernelException nodeAsValue = assertThrows(KernelException.class,
                () -> start(yaml("quire:\n  server: 8000\n"), Map.of(), Map.of()));
        assertTrue(nodeAsValue.getMessage().contains("quire.server"), nodeAsValue.getMessage());
    }

    @Test
    void badValueFailsNamingKeyValueAndSource() throws Exception {
        KernelException e = assertThrows(KernelException.class,
                () -> start(yaml("quire:\n  server:\n    port: eighty\n"), Map.of(), Map.of()));
        assertEquals("invalid configuration: quire.server.port = 'eighty' (from config file) must be an integer",
                e.getMessage());
        KernelException env = assertThrows(KernelException.class, () -> start(null,
                Map.of("QUIRE_CHUNKER_PROVIDER", "words", "QUIRE_CHUNKER_WORDS_TIMEOUT", "soon"), Map.of(),
                TestingFactory.chunker("words", chunkerSpec())));
        assertTrue(env.getMessage().contains("quire.chunker.words.timeout = 'soon' (from environment variable "
                + "QUIRE_CHUNKER_WORDS_TIMEOUT) must be a duration"), env.getMessage());
    }

    @Test
    void requiredKeyMissingFailsNamingKeyAndVariable() {
        TestingFactory.Spec spec = new TestingFactory.Spec(events)
                .properties(ConfigProperty.required("endpoint", ConfigType.STRING, "where to send"));
        KernelException e = assertThrows(KernelException.class, () -> start(null, Map.of(),
                Map.of("quire.chunker.provider", "remote"), TestingFactory.chunker("remote", spec)));
        assertEquals("missing required configuration quire.chunker.remote.endpoint (where to send; or environment "
                + "QUIRE_CHUNKER_REMOTE_ENDPOINT)", e.getMessage());
        assertTrue(events.isEmpty());
    }

    @Test
    void secretsAreMaskedInMessagesStatusesAndCauses() {
        String secret = "sk-live-0123456789";
        TestingFactory.Spec spec = chunkerSpec().onCreate((c, ctx) -> {
            throw new IllegalStateException("remote refused key " + c.requireString("api-key"),
                    new RuntimeException("401 for " + secret));
        });
        Map<String, String> env = Map.of("QUIRE_CHUNKER_WORDS_API_KEY", secret);
        KernelException e = assertThrows(KernelException.class, () -> start(null, env,
                Map.of("quire.chunker.provider", "words"), TestingFactory.chunker("words", spec)));
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertTrue(e.getMessage().contains("remote refused key ***"), e.getMessage());
        assertFalse(trace.toString().contains(secret), trace.toString());
        assertTrue(trace.toString().contains("401 for ***"), "the cause chain is kept, masked");

        // a secret host value with a bad shape is not echoed either
        List<ConfigProperty> host = List.of(new ConfigProperty("auth.ttl", ConfigType.DURATION, null, false, true, ""));
        KernelException bad = assertThrows(KernelException.class, () -> Kernel.start(new KernelOptions(null, null,
                tmp, Map.of(), Map.of("quire.auth.ttl", secret), host)));
        assertFalse(bad.getMessage().contains(secret), bad.getMessage());
        assertTrue(bad.getMessage().contains("quire.auth.ttl = ***"), bad.getMessage());

        // an unconfigured step that fails with the secret in its message: FAILED, masked
        TestingFactory.Spec step = new TestingFactory.Spec(events).onCreate((c, ctx) -> {
            throw new IllegalStateException("token " + secret + " expired");
        });
        Map<String, String> jwt = new HashMap<>(Map.of("quire.auth.jwt-secret", secret));
        try (Kernel k = start(null, Map.of(), jwt, TestingFactory.step("s", step))) {
            PluginStatus s = k.plugins().get(0);
            assertEquals(PluginStatus.State.FAILED, s.state());
            assertEquals("cannot start workflow-steps 's' from boot: token *** expired", s.message());
            assertEquals(secret, k.hostConfig().requireString("auth.jwt-secret"), "the host itself reads the real value");
        }
    }

    @Test
    void shippedApplicationYamlParsesAndUsesOnlyDocumentedShape() throws Exception {
        Path shipped = Path.of("../../config/application.yaml");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(shipped), "run from modules/kernel");
        Map<String, ConfigValue> keys = YamlConfigReader.read(shipped);
        assertEquals("data", keys.get("quire.data-dir").asText());
        assertEquals("8000", keys.get("quire.server.port").asText());
        assertEquals("100MB", keys.get("quire.server.max-body-size").asText());
        assertEquals("jdbc", keys.get("quire.storage.provider").asText());
        assertEquals("none", keys.get("quire.completion.provider").asText());
        assertTrue(keys.get("quire.auth.jwt-secret").isBlank());
        for (String key : keys.keySet()) {
            assertTrue(key.matches("quire(\\.[a-z0-9]+(-[a-z0-9]+)*)+"), "kebab-case key " + key);
        }
    }
}
