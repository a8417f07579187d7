package quire.server;

import java.util.List;

import quire.spi.ConfigProperty;
import quire.spi.ConfigType;

/**
 * The server's own configuration keys under {@code quire} (the kernel validates them like plugin
 * keys; environment names are {@code QUIRE_} + the path, e.g. {@code QUIRE_SERVER_PORT}).
 */
public final class HostProperties {

    public static final String DATA_DIR = "data-dir";
    public static final String HOST = "server.host";
    public static final String PORT = "server.port";
    public static final String MAX_BODY_SIZE = "server.max-body-size";
    public static final String AUTH_MODE = "auth.mode";
    public static final String JWT_SECRET = "auth.jwt-secret";
    public static final String DEV_USER_ID = "auth.dev-user-id";

    public static final String INGEST_WORKERS = "ingest.workers";
    public static final String INGEST_MAX_ATTEMPTS = "ingest.max-attempts";
    public static final String INGEST_RETRY_BACKOFF = "ingest.retry-backoff";
    public static final String INGEST_LEASE = "ingest.lease";
    public static final String INGEST_POLL_INTERVAL = "ingest.poll-interval";
    public static final String INGEST_EMBED_BATCH_SIZE = "ingest.embed-batch-size";
    public static final String INGEST_PARSE_TIMEOUT = "ingest.parse-timeout";
    public static final String INGEST_TEXT_WAIT = "ingest.text-wait";
    public static final String SIGNING_KEY = "server.signing-key";

    public static final String RETRIEVAL_EXACT_SCAN_MAX_CHUNKS = "retrieval.exact-scan-max-chunks";
    public static final String RETRIEVAL_EXACT_SCAN_MAX_FRACTION = "retrieval.exact-scan-max-fraction";
    public static final String RETRIEVAL_EF = "retrieval.ef";
    public static final String RETRIEVAL_MAX_K = "retrieval.max-k";
    public static final String RETRIEVAL_MAX_CANDIDATE_DOCUMENTS = "retrieval.max-candidate-documents";
    public static final String RETRIEVAL_USE_RERANKING = "retrieval.use-reranking";
    public static final String INDEX_REFRESH_INTERVAL = "index.refresh-interval";
    public static final String INDEX_SNAPSHOT_INTERVAL = "index.snapshot-interval";
    public static final String INDEX_SELECTION_CACHE_MB = "index.selection-cache-mb";

    /** Morphik's name for the JWT secret, honoured when {@code quire.auth.jwt-secret} is not set. */
    public static final String MORPHIK_SECRET_ENV = "JWT_SECRET_KEY";

    /** The declared keys. */
    public static final List<ConfigProperty> ALL = List.of(
            ConfigProperty.optional(DATA_DIR, ConfigType.PATH, "data",
                    "root directory for all server data"),
            ConfigProperty.optional(HOST, ConfigType.STRING, null,
                    "interface to bind; unset: 127.0.0.1 in dev mode, 0.0.0.0 in jwt mode"),
            ConfigProperty.optional(PORT, ConfigType.INT, "8000", "HTTP port (0 picks a free one)"),
            ConfigProperty.optional(MAX_BODY_SIZE, ConfigType.SIZE, "100MB", "largest accepted request body"),
            ConfigProperty.optional(AUTH_MODE, ConfigType.STRING, "dev",
                    "dev (no token; every request is the developer) or jwt (HS256 bearer tokens)"),
            new ConfigProperty(JWT_SECRET, ConfigType.STRING, null, false, true,
                    "HS256 secret for jwt mode; falls back to the JWT_SECRET_KEY environment variable"),
            ConfigProperty.optional(DEV_USER_ID, ConfigType.STRING, "dev_user", "the user id of every request in dev mode"),
            new ConfigProperty(SIGNING_KEY, ConfigType.STRING, null, false, true,
                    "secret for signed download URLs; unset: a random key kept in <data-dir>/signing.key "
                            + "(set the same value on every node when scaling out)"),
            ConfigProperty.optional(INGEST_WORKERS, ConfigType.INT, "2", "documents processed at once by this node"),
            ConfigProperty.optional(INGEST_MAX_ATTEMPTS, ConfigType.INT, "5",
                    "tries of one document before it is marked failed"),
            ConfigProperty.optional(INGEST_RETRY_BACKOFF, ConfigType.DURATION, "2s",
                    "first retry delay after a transient failure; doubles per attempt (at most 5m)"),
            ConfigProperty.optional(INGEST_LEASE, ConfigType.DURATION, "2m",
                    "a job whose worker stops renewing its claim this long is taken over (crash recovery)"),
            ConfigProperty.optional(INGEST_POLL_INTERVAL, ConfigType.DURATION, "500ms",
                    "how often idle workers look for jobs queued through other nodes"),
            ConfigProperty.optional(INGEST_EMBED_BATCH_SIZE, ConfigType.INT, "32", "chunks per embedder call"),
            ConfigProperty.optional(INGEST_PARSE_TIMEOUT, ConfigType.DURATION, "2m", "time limit for parsing one document"),
            ConfigProperty.optional(INGEST_TEXT_WAIT, ConfigType.DURATION, "10s",
                    "how long POST /ingest/text waits for completion before answering with status processing"),
            ConfigProperty.optional(RETRIEVAL_EXACT_SCAN_MAX_CHUNKS, ConfigType.INT, "20000",
                    "scan the candidate chunks exactly (no HNSW) when the filters leave at most this many"),
            ConfigProperty.optional(RETRIEVAL_EXACT_SCAN_MAX_FRACTION, ConfigType.DOUBLE, "0.05",
                    "... or when they are at most this fraction of the index (selective filters); above both, the cheaper of a"
                            + " sketch scan and a filtered HNSW walk"),
            ConfigProperty.optional(RETRIEVAL_EF, ConfigType.INT, "100",
                    "HNSW search breadth, and half the chunks a sketch scan scores exactly (higher: better recall, slower)"),
            ConfigProperty.optional(RETRIEVAL_MAX_K, ConfigType.INT, "1000", "largest k a retrieval request may ask for (400 above)"),
            ConfigProperty.optional(RETRIEVAL_MAX_CANDIDATE_DOCUMENTS, ConfigType.INT, "1000000",
                    "most documents one retrieval may select before it is refused (400: narrow with folder_name or filters)"),
            ConfigProperty.optional(RETRIEVAL_USE_RERANKING, ConfigType.BOOLEAN, "false",
                    "rerank when a request leaves use_reranking unset (needs a configured reranker)"),
            ConfigProperty.optional(INDEX_REFRESH_INTERVAL, ConfigType.DURATION, "5s",
                    "how often the vector index picks up chunks written through other nodes, and deletions"),
            ConfigProperty.optional(INDEX_SNAPSHOT_INTERVAL, ConfigType.DURATION, "5m",
                    "how often the vector index snapshot (<data-dir>/index/chunks.qidx) is written when it changed"),
            ConfigProperty.optional(INDEX_SELECTION_CACHE_MB, ConfigType.INT, "64",
                    "room for copies of the candidates' sketches of filters that queries repeat, so they are scanned from one"
                            + " array; 0 turns the cache off"));

    private HostProperties() {
    }
}
