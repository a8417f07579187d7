package quire.plugin.storage.jdbc;

import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quire.spi.storage.AccessScope;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.JobRecord;
import quire.spi.storage.StorageBackend;
import quire.spi.storage.StorageBackendFactory;
import quire.spi.testkit.PluginLayers;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loads the packaged plugin jar and its runtime jars (helidon-dbclient, HikariCP, sqlite-jdbc,
 * the PostgreSQL driver) as their own module layer, the way the kernel loads {@code plugins/<id>/}
 * (every module a root, one class loader), with the thread context class loader left at the
 * application loader as on a server thread. Then it creates the SQLite backend through the
 * factory found there and runs documents, chunks and a job claim through it: migrations read
 * from the module, helidon's service loading and the JDBC driver all work inside the layer.
 */
class PluginLayerIT {
    @TempDir
    Path dataDirectory;

    @Test
    void createsAndUsesTheBackendFromAPluginLayer() throws Exception {
        String jar = System.getProperty("quire.plugin.jar");
        String deps = System.getProperty("quire.plugin.dir");
        Assumptions.assumeTrue(jar != null && deps != null, "quire.plugin.jar/dir not set: run through failsafe");
        ModuleLayer boot = ModuleLayer.boot();
        // Failsafe's boot layer already holds this plugin and its dependencies. An automatic module
        // (the PostgreSQL driver) reads every module of every parent layer, so a second copy of it in
        // the child layer would read two modules named quire.plugin.storage.jdbc and fail to resolve;
        // such a module is taken from the parent instead. (The same rule applies to the distribution:
        // plugins/jdbc/ must not repeat an automatic module the boot layer has.)
        List<Path> jars = new java.util.ArrayList<>(List.of(Path.of(jar)));
        try (var files = java.nio.file.Files.list(Path.of(deps))) {
            files.filter(f -> f.toString().endsWith(".jar")).forEach(f -> {
                var descriptor = ModuleFinder.of(f).findAll().iterator().next().descriptor();
                if (!(descriptor.isAutomatic() && boot.findModule(descriptor.name()).isPresent())) {
                    jars.add(f);
                }
            });
        }
        ModuleLayer layer = PluginLayers.define(boot, ClassLoader.getSystemClassLoader(), jars).layer();
        List<StorageBackendFactory> factories = PluginLayers.providers(layer, StorageBackendFactory.class);
        assertEquals(List.of("jdbc"), factories.stream().map(StorageBackendFactory::id).toList());
        StorageBackendFactory factory = factories.getFirst();

        Thread.currentThread().setContextClassLoader(ClassLoader.getSystemClassLoader());
        try (TestingPluginContext context = TestingPluginContext.of(dataDirectory, "jdbc");
             StorageBackend backend = factory.create(
                     TestingPluginConfig.of("quire.storage.jdbc", factory.configProperties(), Map.of()), context)) {
            assertSame(layer, backend.getClass().getModule().getLayer(), "backend class comes from the plugin layer");
            assertTrue(backend.ping());
            assertEquals(SchemaMigrations.latestVersion(), backend.schemaVersion());

            AccessScope scope = new AccessScope("owner", null);
            Instant now = Instant.parse("2025-01-01T00:00:00Z");
            DocumentRecord document = new DocumentRecord("d1", "owner", null, null, null, null, "a.txt", "text/plain",
                    "processing", "{\"k\":\"v\"}", "{}", "{}", "{}", "{}", List.of(), now, now);
            backend.insertDocument(document);
            backend.enqueueJob(new JobRecord("j1", "d1", "ingest", "queued", 0, now, null, null, "{}", null, now));
            JobRecord claimed = backend.claimJob("w", now, Duration.ofMinutes(1)).orElseThrow();
            assertEquals("j1", claimed.id());
            assertTrue(backend.replaceChunksAndUpdate(document,
                    List.of(new ChunkRecord("d1", 0, "text", "{}", new float[] {0.5f, -1f}, 0))));
            assertEquals("text", backend.chunksOf("d1").getFirst().content());
            assertTrue(backend.findDocument(scope, "d1").isPresent());
            assertTrue(dataDirectory.resolve("quire.db").toFile().isFile());
        }
    }
}
