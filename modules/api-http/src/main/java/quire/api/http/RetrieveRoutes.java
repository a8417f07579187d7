package quire.api.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.helidon.common.uri.UriInfo;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import quire.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import quire.catalog.DocumentFilter;
import quire.catalog.FolderSelection;
import quire.retrieval.ChunkHit;
import quire.retrieval.RetrievalQuery;
import quire.retrieval.RetrievalService;
import quire.spi.storage.AccessScope;
import quire.spi.storage.ChunkKey;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.DocumentQuery;
import quire.spi.storage.DocumentRecord;

/**
 * The retrieval routes of spec §1.5: {@code POST /retrieve/chunks}, {@code /retrieve/chunks/grouped},
 * {@code /retrieve/docs} and {@code /batch/chunks}.
 *
 * <p>Differences from Morphik, on purpose: {@code min_score} is honoured (Morphik accepts and
 * ignores it); {@code padding} pads text chunks (Morphik pads only ColPali pages, and there is no
 * multi-vector store here); {@code use_colpali} is accepted and answered by the text path;
 * {@code query_image} is a 400 because no multi-vector model is configured.
 */
public final class RetrieveRoutes implements ApiRoutes {
    /** Most sources one {@code /batch/chunks} request may name. */
    private static final int MAX_BATCH_SOURCES = 10_000;
    /** Keys per storage lookup, well under SQLite's bound-parameter limit. */
    private static final int SLICE = 500;
    /** Most neighbours on each side of a hit: every one is a database read. */
    static final int MAX_PADDING = 50;

    private final QuireServices services;
    private final RetrievalService retrieval;
    private final DownloadUrls downloadUrls;

    /** @param services must carry a retrieval service */
    public RetrieveRoutes(QuireServices services) {
        this.services = services;
        this.retrieval = java.util.Objects.requireNonNull(services.retrieval(), "services.retrieval()");
        this.downloadUrls = new DownloadUrls(services.signingKey(), services.clock());
    }

    @Override
    public void register(ApiRouter router) {
        router.post("/retrieve/chunks", this::chunks)
                .post("/retrieve/chunks/grouped", this::grouped)
                .post("/retrieve/docs", this::docs)
                .post("/batch/chunks", this::batchChunks);
    }

    private void chunks(ServerRequest req, ServerResponse res) {
        RetrieveRequests.Retrieve r = RetrieveRequests.retrieve(req);
        AccessScope scope = scope(req);
        List<ChunkHit> hits = retrieval.chunks(scope, query(scope, r, r.padding()));
        ChunkResultJson json = renderer(req, scope);
        JsonArrayBuilder out = Json.createArrayBuilder();
        hits.forEach(h -> out.add(json.chunk(h)));
        JsonResponses.send(res, out.build());
    }

    /**
     * Every chunk is its own group, or with padding a hit's group holds the padding chunks of its
     * document within {@code ±padding} of it (Morphik's grouping).
     */
    private void grouped(ServerRequest req, ServerResponse res) {
        RetrieveRequests.Retrieve r = RetrieveRequests.retrieve(req);
        AccessScope scope = scope(req);
        List<ChunkHit> hits = retrieval.chunks(scope, query(scope, r, r.padding()));
        ChunkResultJson json = renderer(req, scope);
        Map<ChunkHit, JsonObject> rendered = new java.util.IdentityHashMap<>();
        JsonArrayBuilder chunks = Json.createArrayBuilder();
        for (ChunkHit h : hits) {
            JsonObject o = json.chunk(h);
            rendered.put(h, o);
            chunks.add(o);
        }
        JsonArrayBuilder groups = Json.createArrayBuilder();
        List<ChunkHit> padding = hits.stream().filter(ChunkHit::padding).toList();
        for (ChunkHit main : hits) {
            if (main.padding()) {
                continue;
            }
            List<ChunkHit> related = padding.stream()
                    .filter(p -> p.document().id().equals(main.document().id())
                            && Math.abs(p.chunk().chunkNumber() - main.chunk().chunkNumber()) <= r.padding())
                    .sorted(Comparator.comparingInt(p -> p.chunk().chunkNumber()))
                    .toList();
            JsonArrayBuilder paddingChunks = Json.createArrayBuilder();
            related.forEach(p -> paddingChunks.add(rendered.get(p)));
            groups.add(Json.createObjectBuilder().add("main_chunk", rendered.get(main))
                    .add("padding_chunks", paddingChunks).add("total_chunks", 1 + related.size()));
        }
        JsonResponses.send(res, Json.createObjectBuilder().add("chunks", chunks).add("groups", groups)
                .add("total_results", hits.size()).add("has_padding", r.padding() > 0).build());
    }

    private void docs(ServerRequest req, ServerResponse res) {
        RetrieveRequests.Retrieve r = RetrieveRequests.retrieve(req);
        AccessScope scope = scope(req);
        List<ChunkHit> best = retrieval.documents(scope, query(scope, r, 0));
        ChunkResultJson json = renderer(req, scope);
        JsonArrayBuilder out = Json.createArrayBuilder();
        best.forEach(h -> out.add(json.document(h)));
        JsonResponses.send(res, out.build());
    }

    /**
     * The named chunks the caller may see (others dropped silently), each with the score its
     * source carried (else 0), highest score first, request order among equals.
     */
    private void batchChunks(ServerRequest req, ServerResponse res) {
        RetrieveRequests.BatchChunks batch = RetrieveRequests.batchChunks(req);
        if (batch.sources().size() > MAX_BATCH_SOURCES) {
            throw ApiException.badRequest("At most " + MAX_BATCH_SOURCES + " sources per request; got "
                    + batch.sources().size());
        }
        AccessScope scope = scope(req);
        FolderSelection selection = FolderSelection.resolve(services.folders(), scope, batch.folderNames(), null);
        String endUser = batch.endUserId() == null || batch.endUserId().isEmpty() ? null : batch.endUserId();
        Map<ChunkKey, Double> scores = new LinkedHashMap<>();
        for (RetrieveRequests.Source s : batch.sources()) {
            if (s.chunkNumber() >= 0) {
                scores.putIfAbsent(new ChunkKey(s.documentId(), s.chunkNumber()), s.score());
            }
        }
        List<ChunkKey> keys = new ArrayList<>(scores.keySet());
        Map<ChunkKey, ChunkRecord> chunks = new HashMap<>();
        for (int i = 0; i < keys.size(); i += SLICE) {
            for (ChunkRecord c : services.storage().findChunks(scope, keys.subList(i, Math.min(keys.size(), i + SLICE)))) {
                chunks.put(c.key(), c);
            }
        }
        List<String> docIds = new ArrayList<>(new LinkedHashSet<>(chunks.keySet().stream().map(ChunkKey::documentId).toList()));
        Map<String, DocumentRecord> docs = new HashMap<>();
        for (int i = 0; i < docIds.size(); i += SLICE) {
            for (DocumentRecord d : services.storage().findDocuments(scope, docIds.subList(i, Math.min(docIds.size(), i + SLICE)))) {
                if (selection.admits(d.folderPath()) && (endUser == null || endUser.equals(d.endUserId()))) {
                    docs.put(d.id(), d);
                }
            }
        }
        List<ChunkKey> found = keys.stream().filter(k -> chunks.containsKey(k) && docs.containsKey(k.documentId()))
                .sorted(Comparator.comparingDouble((ChunkKey k) -> scores.get(k)).reversed()) // stable: request order among equals
                .toList();
        ChunkResultJson json = renderer(req, scope);
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (ChunkKey k : found) {
            out.add(json.chunk(chunks.get(k), docs.get(k.documentId()), scores.get(k), false));
        }
        JsonResponses.send(res, out.build());
    }

    private RetrievalQuery query(AccessScope scope, RetrieveRequests.Retrieve r, int padding) {
        return query(services, scope, r, padding);
    }

    /**
     * The request as a service query (shared with {@code /query}); 400 for an image query, a bad
     * filter or a bad folder path.
     */
    static RetrievalQuery query(QuireServices services, AccessScope scope, RetrieveRequests.Retrieve r, int padding) {
        if (r.queryImage() != null) {
            throw RetrieveRequests.imageQueryRefused(r.queryImage());
        }
        if (padding > MAX_PADDING) {
            throw ApiException.badRequest("padding must be at most " + MAX_PADDING + "; got " + padding);
        }
        DocumentFilter filter = DocumentFilter.parse(r.filters());
        FolderSelection selection = FolderSelection.resolve(services.folders(), scope, r.folderNames(), r.folderDepth());
        String endUser = r.endUserId() == null || r.endUserId().isEmpty() ? null : r.endUserId();
        DocumentQuery narrowing = new DocumentQuery(endUser, selection.paths(), selection.includeSubfolders(),
                filter.node(), null, null, 0, 1, "external_id", false);
        boolean rerank = r.useReranking() == null ? services.useRerankingByDefault() : r.useReranking();
        return new RetrievalQuery(r.query(), narrowing, r.k(), r.minScore(), padding, rerank);
    }

    private ChunkResultJson renderer(ServerRequest req, AccessScope scope) {
        return new ChunkResultJson(downloadUrls, base(req), scope);
    }

    private static AccessScope scope(ServerRequest req) {
        return Principal.of(req).scope();
    }

    /** The scheme and authority the client used (Host header), so links work from where it asked. */
    private static String base(ServerRequest req) {
        UriInfo uri = req.requestedUri();
        return uri.scheme() + "://" + uri.authority();
    }
}
