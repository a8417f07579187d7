package quire.plugin.blobstore.fs;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;

import quire.spi.blob.BlobStore;
import quire.spi.testkit.BaseBlobStoreTest;

/** The shared {@link BlobStore} contract, run against the {@code fs} store. */
class FsBlobStoreConformanceTest extends BaseBlobStoreTest {

    @TempDir
    Path data;

    @Override
    protected BlobStore createStore() throws Exception {
        FsBlobStoreFactory factory = new FsBlobStoreFactory();
        return factory.create(new MapPluginConfig(factory.configProperties(), Map.of(), data), new SimplePluginContext(data));
    }
}
