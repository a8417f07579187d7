package quire.plugin.blobstore.fs;

import java.nio.file.Path;
import java.util.List;

import quire.spi.ConfigProperty;
import quire.spi.ConfigType;
import quire.spi.PluginConfig;
import quire.spi.PluginContext;
import quire.spi.SpiVersion;
import quire.spi.blob.BlobStore;
import quire.spi.blob.BlobStoreFactory;

/** Creates the {@code fs} blob store: bytes in files under one root directory. */
public final class FsBlobStoreFactory implements BlobStoreFactory {

    /** The factory id used in configuration ({@code quire.blob-store.fs}). */
    public static final String ID = "fs";

    static final String ROOT = "root";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "File bytes on local disk, written atomically and confined to one root directory";
    }

    @Override
    public String spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return List.of(ConfigProperty.optional(ROOT, ConfigType.PATH, "blobs",
                "Directory holding the blobs; a relative path is resolved against the server data directory"));
    }

    @Override
    public BlobStore create(PluginConfig config, PluginContext context) throws Exception {
        Path root = config.keys().contains(ROOT) ? config.pathValue(ROOT) : Path.of("blobs");
        if (!root.isAbsolute()) {
            root = context.serverDataDirectory().resolve(root);
        }
        return FsBlobStore.open(root, context.logger());
    }
}
