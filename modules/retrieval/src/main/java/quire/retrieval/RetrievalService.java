package quire.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import quire.index.IndexHit;
import quire.index.VectorIndex;
import quire.spi.embedding.Embedder;
import quire.spi.embedding.EmbeddingException;
import quire.spi.rerank.Reranker;
import quire.spi.storage.AccessScope;
import quire.spi.storage.ChunkKey;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.DocumentQuery;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.StorageBackend;

/**
 * Semantic retrieval (spec §4.2): resolve the documents the caller's scope, folders, end user and
 * metadata filter select; embed the query; search their chunks ({@link SearchPlanner}: an exact
 * scan when they are few, else the cheaper of a sketch scan and an HNSW walk that keeps only the
 * candidates, falling back so that k results come back whenever k exist); optionally rerank;
 * hydrate from the database, which drops anything deleted meanwhile.
 */
public final class RetrievalService {
    private static final String COMPLETED = "completed";

    private final StorageBackend storage;
    private final Supplier<VectorIndex> index;
    private final Embedder embedder;
    private final Reranker reranker;
    private final RetrievalSettings settings;
    /** the planner's path for every query, or null to let it choose (tests force each path) */
    private final SearchPlanner.Path forcedPath;

    /**
     * @param storage  the source of truth
     * @param index    the current vector index (the synchronizer may swap it)
     * @param embedder embeds queries
     * @param reranker rescoring model, or null
     * @param settings planner tunables
     */
    public RetrievalService(StorageBackend storage, Supplier<VectorIndex> index, Embedder embedder, Reranker reranker,
                            RetrievalSettings settings) {
        this(storage, index, embedder, reranker, settings, null);
    }

    /** @param forcedPath the planner's path for every query, or null to let it choose */
    RetrievalService(StorageBackend storage, Supplier<VectorIndex> index, Embedder embedder, Reranker reranker,
                     RetrievalSettings settings, SearchPlanner.Path forcedPath) {
        this.storage = storage;
        this.index = index;
        this.embedder = embedder;
        this.reranker = reranker;
        this.settings = settings;
        this.forcedPath = forcedPath;
    }

    /** @return the reranker in use, if any */
    public Optional<Reranker> reranker() {
        return Optional.ofNullable(reranker);
    }

    /** @return the best chunks, highest score first, padding chunks after their hit's group */
    public List<ChunkHit> chunks(AccessScope scope, RetrievalQuery query) {
        if (query.k() > settings.maxK()) {
            throw new RetrievalException("k must be at most " + settings.maxK());
        }
        List<ChunkHit> hits = search(scope, query, query.k());
        return query.padding() > 0 ? pad(scope, hits, query.padding()) : hits;
    }

    /** @return the best chunk of each of the best {@code k} documents, highest score first */
    public List<ChunkHit> documents(AccessScope scope, RetrievalQuery query) {
        if (query.k() > settings.maxK()) {
            throw new RetrievalException("k must be at most " + settings.maxK());
        }
        int want = query.k();
        for (int fetch = want * 4; ; fetch *= 4) {
            List<ChunkHit> hits = search(scope, query, fetch);
            Map<String, ChunkHit> best = new LinkedHashMap<>();
            for (ChunkHit h : hits) {
                best.putIfAbsent(h.document().id(), h);
            }
            if (best.size() >= want || hits.size() < fetch || fetch >= settings.maxK() * 4) {
                return best.values().stream().limit(want).toList();
            }
        }
    }

    private List<ChunkHit> search(AccessScope scope, RetrievalQuery query, int k) {
        Set<String> candidates = candidateDocuments(scope, query.narrowing());
        if (candidates.isEmpty()) {
            return List.of();
        }
        float[] vector = embed(query.text());
        boolean rerank = query.rerank() && reranker != null;
        int fetch = rerank ? Math.max(k, Math.min(3 * k, 20)) : k;
        List<ChunkHit> hydrated = new ArrayList<>();
        // a few spare results cover chunks deleted between the index and the database
        for (int want = fetch + 4; ; want *= 2) {
            List<IndexHit> found = nearest(vector, want, candidates);
            hydrated = hydrate(scope, found);
            if (hydrated.size() >= fetch || found.size() < want) {
                break;
            }
        }
        List<ChunkHit> scored = rerank ? rerank(query.text(), hydrated) : hydrated;
        return scored.stream()
                .filter(h -> h.score() >= query.minScore())
                .limit(k)
                .toList();
    }

    private float[] embed(String text) {
        try {
            return embedder.embedQuery(text);
        } catch (EmbeddingException e) {
            throw new RetrievalUnavailableException("The embedding model could not embed the query: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new RetrievalUnavailableException("The embedding model failed on the query ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** @return ids of completed documents the caller may search with this narrowing */
    private Set<String> candidateDocuments(AccessScope scope, DocumentQuery narrowing) {
        DocumentQuery q = narrowing == null ? DocumentQuery.all(1) : narrowing;
        DocumentQuery all = new DocumentQuery(q.endUserId(), q.folderPaths(), q.includeSubfolders(), q.filter(),
                q.filenameContains(), COMPLETED, 0, settings.maxCandidateDocuments() + 1, "external_id", false);
        List<String> ids = storage.listDocumentIds(scope, all);
        if (ids.size() > settings.maxCandidateDocuments()) {
            throw new RetrievalException("The query selects more than " + settings.maxCandidateDocuments()
                    + " documents; narrow it with folder_name or filters");
        }
        return new HashSet<>(ids);
    }

    private List<IndexHit> nearest(float[] vector, int k, Set<String> candidates) {
        if (forcedPath != null) {
            return SearchPlanner.follow(forcedPath, index.get(), vector, k, candidates, settings.ef());
        }
        return SearchPlanner.nearest(index.get(), vector, k, candidates, settings.exactScanMaxChunks(),
                settings.exactScanMaxFraction(), settings.ef());
    }

    /** Reads chunks and documents in the caller's scope; hits no longer in the database are dropped. */
    private List<ChunkHit> hydrate(AccessScope scope, List<IndexHit> hits) {
        if (hits.isEmpty()) {
            return List.of();
        }
        Map<ChunkKey, ChunkRecord> chunks = new HashMap<>();
        for (ChunkRecord c : storage.findChunks(scope, hits.stream().map(IndexHit::key).toList())) {
            chunks.put(c.key(), c);
        }
        Map<String, DocumentRecord> docs = new HashMap<>();
        Set<String> docIds = new HashSet<>();
        hits.forEach(h -> docIds.add(h.key().documentId()));
        for (DocumentRecord d : storage.findDocuments(scope, docIds)) {
            docs.put(d.id(), d);
        }
        List<ChunkHit> out = new ArrayList<>(hits.size());
        for (IndexHit h : hits) {
            ChunkRecord c = chunks.get(h.key());
            DocumentRecord d = docs.get(h.key().documentId());
            if (c != null && d != null && COMPLETED.equals(d.status())) {
                out.add(new ChunkHit(c, d, score(h.similarity()), false));
            }
        }
        return out;
    }

    /** Morphik's score: {@code 1 - cosine_distance / 2}, in [0, 1]. */
    static double score(float similarity) {
        double s = (1.0 + similarity) / 2.0;
        return Math.max(0.0, Math.min(1.0, s));
    }

    private List<ChunkHit> rerank(String query, List<ChunkHit> hits) {
        if (hits.isEmpty()) {
            return hits;
        }
        List<Double> scores;
        try {
            scores = reranker.score(query, hits.stream().map(h -> h.chunk().content()).toList());
        } catch (Exception e) {
            throw new IllegalStateException("reranking failed: " + e.getMessage(), e);
        }
        List<ChunkHit> out = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            ChunkHit h = hits.get(i);
            out.add(new ChunkHit(h.chunk(), h.document(), Math.max(0, Math.min(1, scores.get(i))), false));
        }
        out.sort(Comparator.comparingDouble(ChunkHit::score).reversed());
        return out;
    }

    /** Adds chunks n-p..n+p of each hit's document after the hits, marked as padding (score 0). */
    private List<ChunkHit> pad(AccessScope scope, List<ChunkHit> hits, int padding) {
        Set<ChunkKey> have = new HashSet<>();
        hits.forEach(h -> have.add(h.chunk().key()));
        List<ChunkKey> wanted = new ArrayList<>();
        for (ChunkHit h : hits) {
            for (int n = h.chunk().chunkNumber() - padding; n <= h.chunk().chunkNumber() + padding; n++) {
                ChunkKey key = new ChunkKey(h.document().id(), n);
                if (n >= 0 && have.add(key)) {
                    wanted.add(key);
                }
            }
        }
        if (wanted.isEmpty()) {
            return hits;
        }
        Map<String, DocumentRecord> docs = new HashMap<>();
        hits.forEach(h -> docs.put(h.document().id(), h.document()));
        List<ChunkHit> out = new ArrayList<>(hits);
        List<ChunkRecord> found = new ArrayList<>(storage.findChunks(scope, wanted));
        found.sort(Comparator.comparing((ChunkRecord c) -> c.documentId()).thenComparingInt(ChunkRecord::chunkNumber));
        for (ChunkRecord c : found) {
            out.add(new ChunkHit(c, docs.get(c.documentId()), 0.0, true));
        }
        return out;
    }
}
