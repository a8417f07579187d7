package quire.server;

import java.io.PrintStream;
import java.util.Optional;

import quire.kernel.Kernel;
import quire.kernel.KernelOptions;
import quire.spi.embedding.Embedder;
import quire.spi.storage.StorageBackend;

/**
 * {@code quire reembed [--data DIR] [--config FILE]}: re-embeds every stored chunk with the
 * configured embedder, so the server can start after the embedding model changed. It starts the
 * kernel (plugins, storage, embedder) but neither HTTP nor the ingestion workers. Progress goes
 * to {@code out}; it can be interrupted and run again (see {@link Reembedder}).
 */
public final class ReembedCommand {

    private ReembedCommand() {
    }

    /**
     * Runs a re-embed with the configuration a server started with {@code options} would use.
     *
     * @param options how the server is configured (the HTTP settings are ignored)
     * @param out     where progress lines go
     * @return chunks re-embedded by this run
     * @throws StartupException            when storage or embedder is not configured
     * @throws quire.kernel.KernelException when configuration or plugins are unusable
     * @throws ReembedException            when the embedder fails; running again continues the work
     */
    public static long run(ServerOptions options, PrintStream out) {
        try (Kernel kernel = Kernel.start(new KernelOptions(options.configFile(), options.pluginsDirectory(),
                options.dataDirectory(), options.environment(), options.overrides(), HostProperties.ALL),
                options.extraFactories())) {
            Optional<StorageBackend> storage = kernel.provider(StorageBackend.class);
            Optional<Embedder> embedder = kernel.provider(Embedder.class);
            if (storage.isEmpty() || embedder.isEmpty()) {
                throw new StartupException("reembed needs a storage and an embedder provider configured (configured: "
                        + "storage=" + storage.isPresent() + ", embedder=" + embedder.isPresent() + ")");
            }
            int batch = kernel.hostConfig().intValue(HostProperties.INGEST_EMBED_BATCH_SIZE);
            return new Reembedder(storage.get(), embedder.get(), batch, out).run();
        }
    }
}
