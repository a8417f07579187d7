package quire.plugin.blobstore.fs;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;

import quire.spi.blob.BlobStore;
import quire.spi.testkit.BaseBlobStoreTest;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

/** The shared {@link BlobStore} contract, run against the {@code fs} store. */
class FsBlobStoreConformanceTest extends BaseBlobStoreTest {

    @TempDir
    Path data;

    @Override
    protected BlobStore createStore() throws Exception {
        FsBlobStoreFactory factory = new FsBlobStoreFactory();
        return factory.create(TestingPluginConfig.of("quire.test", factory.configProperties(), Map.of(), data),
                TestingPluginContext.of(data, factory.id()));
    }
}
