package quire.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import com.github.jelmerk.hnswlib.core.hnsw.SizeLimitExceededException;

import quire.spi.storage.ChunkKey;

/**
 * An in-process, thread-safe vector index of chunk embeddings: an HNSW graph for approximate
 * search, an exact scan for small candidate sets (selective filters) and a sketch scan for large
 * ones.
 *
 * <p>Vectors are normalised on the way in (the similarity is the cosine) and stored once, in
 * the graph's items, as 16-bit codes ({@link ChunkItem}): half the memory of floats, and
 * similarities within about 1e-5 of the exact ones. Adding an existing key replaces its vector.
 * Searches may run while keys are added and removed; a search that starts after {@link #remove}
 * returned never sees the key.
 *
 * <p>Large candidate sets that queries repeat (a folder, a user's scope) are remembered while
 * the index is unchanged ({@link SelectionCache}): not looked up again, and sketch-scanned from
 * one contiguous copy. Every write empties that cache.
 *
 * <p>The index is a cache of the database; {@link IndexSynchronizer} keeps it in step.
 */
public final class VectorIndex {
    private static final int STRIPES = 64;
    private static final int INITIAL_CAPACITY = 1024;

    private final IndexOptions options;
    private final DotProduct dot;
    /** Shared by every graph operation; exclusive only to grow the graph's arrays, copy or swap it. */
    private final ReentrantReadWriteLock graphLock = new ReentrantReadWriteLock();
    /** replaced only by {@link #compact()}, under the exclusive lock */
    private volatile HnswIndex<ChunkKey, Object, ChunkItem, Float> graph;
    /**
     * hnswlib lends every {@code add} and {@code findNearest} a visited set from a pool holding as
     * many sets as there were processors when the graph was made or resized, and an add waits for
     * one while it holds a node's monitor that other adds and searches wait for: more concurrent
     * callers than sets deadlock (seen on two cores with three adding threads). At most that many
     * enter; replaced with the graph, while no one is inside.
     */
    private volatile Semaphore hnswlibSlots = hnswlibSlots();
    private final QuantizedDistance distance;
    /** writes made while a compaction builds its new graph, replayed into it before the swap; guarded by itself */
    private List<ChunkItem> journal;
    private final Object compaction = new Object();
    /** documentId -> its chunks' items (the graph's own); written under the document's stripe and {@link #chunksLock} */
    private final Map<String, DocumentChunks> chunksByDocument = new HashMap<>();
    /** guards chunksByDocument and its chunks: exact scans read under it while adds wait */
    private final ReentrantReadWriteLock chunksLock = new ReentrantReadWriteLock();
    /** counts writes to chunksByDocument (under the write lock): a cached selection is good for one version */
    private long version;
    /** selections of large candidate sets that queries repeat; emptied by every write */
    private final SelectionCache selections = new SelectionCache();
    private final Object[] stripes = new Object[STRIPES];

    /** Creates an empty index with the chosen (SIMD when available) distance. */
    public VectorIndex(IndexOptions options) {
        this(options, Distances.DOT, INITIAL_CAPACITY);
    }

    VectorIndex(IndexOptions options, DotProduct dot, int capacity) {
        this.options = Objects.requireNonNull(options, "options");
        this.dot = dot;
        this.distance = new QuantizedDistance(dot);
        this.graph = newGraph(capacity);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** @return the options this index was built with */
    public IndexOptions options() {
        return options;
    }

    /** @return the name of the dot product in use ({@code scalar} or {@code simd-<bits>}) */
    public String distanceImplementation() {
        return dot.name();
    }

    /**
     * Adds a chunk's vector, or replaces it when the key is present with another vector; the
     * same vector again changes nothing (a refresh re-reads chunks this node already added).
     *
     * @return false when the key was present with this vector (nothing changed)
     * @throws IllegalArgumentException when the vector has the wrong length, is zero or not finite
     */
    public boolean add(ChunkKey key, float[] vector) {
        Objects.requireNonNull(key, "key");
        return add(ChunkItem.of(key, unit(vector)));
    }

    private boolean add(ChunkItem item) {
        ChunkKey key = item.id();
        synchronized (stripe(key.documentId())) {
            // hnswlib replaces a present key by flagging its node removed and inserting anew
            if (withGraph(() -> graph.get(key)).filter(item::sameVector).isPresent()) {
                return false;
            }
            withGraph(() -> addGrowing(item));
            chunksLock.writeLock().lock();
            try {
                chunksByDocument.computeIfAbsent(key.documentId(), d -> new DocumentChunks()).put(item);
                changed();
            } finally {
                chunksLock.writeLock().unlock();
            }
            return true;
        }
    }

    /**
     * Adds many vectors using {@code threads} threads (hnswlib inserts concurrently): what a
     * rebuild uses. Returns when all are added; the first failure is rethrown.
     */
    public void addAll(List<ChunkKey> keys, List<float[]> vectors, int threads) {
        if (keys.size() != vectors.size()) {
            throw new IllegalArgumentException("keys and vectors differ in number");
        }
        List<ChunkItem> items = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            items.add(ChunkItem.of(Objects.requireNonNull(keys.get(i), "key"), unit(vectors.get(i))));
        }
        addItems(items, threads);
    }

    private void addItems(List<ChunkItem> items, int threads) {
        try {
            insert(items, threads);
        } finally {
            trimDocuments(items);
        }
    }

    /** Gives back the room the documents' arrays grew beyond their chunks while a batch was added. */
    private void trimDocuments(List<ChunkItem> items) {
        chunksLock.writeLock().lock();
        try {
            String last = null;
            for (ChunkItem item : items) {
                String documentId = item.id().documentId();
                if (!documentId.equals(last)) {
                    DocumentChunks chunks = chunksByDocument.get(documentId);
                    if (chunks != null) {
                        chunks.trim();
                    }
                    last = documentId;
                }
            }
            changed();
        } finally {
            chunksLock.writeLock().unlock();
        }
    }

    private void insert(List<ChunkItem> items, int threads) {
        int workers = Math.max(1, Math.min(threads, items.size() / 64));
        if (workers == 1) {
            for (ChunkItem item : items) {
                add(item);
            }
            return;
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Runnable work = () -> {
            for (int i; failure.get() == null && (i = next.getAndIncrement()) < items.size(); ) {
                try {
                    add(items.get(i));
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        List<Thread> started = new ArrayList<>();
        for (int t = 1; t < workers; t++) {
            started.add(Thread.ofPlatform().name("quire-index-add-" + t).start(work));
        }
        work.run();
        boolean interrupted = false;
        for (Thread t : started) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the workers finish their batch either way
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** @return true when the key was present */
    public boolean remove(ChunkKey key) {
        Objects.requireNonNull(key, "key");
        synchronized (stripe(key.documentId())) {
            boolean removed = withGraph(() -> removeFromGraph(key));
            chunksLock.writeLock().lock();
            try {
                DocumentChunks chunks = chunksByDocument.get(key.documentId());
                if (chunks != null) {
                    chunks.remove(key.chunkNumber());
                    if (chunks.isEmpty()) {
                        chunksByDocument.remove(key.documentId());
                    }
                    changed();
                }
            } finally {
                chunksLock.writeLock().unlock();
            }
            return removed;
        }
    }

    /** Removes every chunk of a document. @return how many were removed */
    public int removeDocument(String documentId) {
        Objects.requireNonNull(documentId, "documentId");
        synchronized (stripe(documentId)) {
            List<ChunkKey> keys = new ArrayList<>();
            chunksLock.writeLock().lock();
            try {
                DocumentChunks chunks = chunksByDocument.remove(documentId);
                if (chunks == null) {
                    return 0;
                }
                chunks.forEach(item -> keys.add(item.id()));
                chunks.clear(); // a selection made before the removal scans it as empty
                changed();
            } finally {
                chunksLock.writeLock().unlock();
            }
            int removed = 0;
            for (ChunkKey key : keys) {
                if (withGraph(() -> removeFromGraph(key))) {
                    removed++;
                }
            }
            return removed;
        }
    }

    /** @return how many chunks of this document the index holds (the planner sizes candidate sets with it) */
    public int chunkCount(String documentId) {
        chunksLock.readLock().lock();
        try {
            DocumentChunks chunks = chunksByDocument.get(documentId);
            return chunks == null ? 0 : chunks.count();
        } finally {
            chunksLock.readLock().unlock();
        }
    }

    /**
     * Looks the documents up once, for a query that sizes its candidates and then scans them
     * ({@link #exactSearchDocuments(float[], int, DocumentSelection)},
     * {@link #sketchSearchDocuments(float[], int, int, DocumentSelection)}).
     */
    public DocumentSelection select(Collection<String> documentIds) {
        chunksLock.readLock().lock();
        try {
            boolean cacheable = selections.caches(documentIds);
            long fingerprint = cacheable ? SelectionCache.fingerprint(documentIds) : 0;
            if (cacheable) {
                DocumentSelection cached = selections.find(documentIds, fingerprint, version);
                if (cached != null) {
                    cached.use();
                    return cached;
                }
            }
            List<DocumentChunks> found = resolve(documentIds);
            int chunks = 0;
            for (DocumentChunks document : found) {
                chunks += document.count();
            }
            DocumentSelection selection = new DocumentSelection(found, chunks, version, cacheable);
            if (cacheable) {
                selection.use();
                selections.remember(documentIds, fingerprint, selection);
            }
            return selection;
        } finally {
            chunksLock.readLock().unlock();
        }
    }

    /**
     * Sets the room for copies of repeated large selections ({@link SelectionCache}; 64 MiB unless
     * set); 0 turns the cache of selections off.
     */
    public void selectionCacheBytes(long bytes) {
        selections.budget(bytes);
    }

    /** Forgets the cached selections, as any write does (the benchmark times filters seen for the first time). */
    public void forgetSelections() {
        selections.clear();
    }

    /** @return how many selections the cache holds */
    int cachedSelections() {
        return selections.size();
    }

    /** @return the bytes the cache's copies of sketches take */
    long cachedSketchBytes() {
        return selections.packedBytes();
    }

    /** Records a write to the documents' chunks (caller holds the write lock): cached selections are stale. */
    private void changed() {
        version++;
        selections.clear();
    }

    /** @return the keys of this document's chunks in the index, by chunk number */
    public List<ChunkKey> keysOfDocument(String documentId) {
        chunksLock.readLock().lock();
        try {
            DocumentChunks chunks = chunksByDocument.get(documentId);
            if (chunks == null) {
                return List.of();
            }
            List<ChunkKey> keys = new ArrayList<>(chunks.count());
            chunks.forEach(item -> keys.add(item.id()));
            return keys;
        } finally {
            chunksLock.readLock().unlock();
        }
    }

    /** @return true when the key is in the index */
    public boolean contains(ChunkKey key) {
        return withGraph(() -> graph.contains(key));
    }

    /** @return the stored vector of a key, decoded (the unit vector that was added, within 1.6e-5 per component) */
    Optional<float[]> vector(ChunkKey key) {
        return withGraph(() -> graph.get(key).map(ChunkItem::decode));
    }

    /** @return how many keys the index holds */
    public int size() {
        return withGraph(() -> graph.size());
    }

    /** @return a copy of the keys the index holds */
    public Set<ChunkKey> keys() {
        return withGraph(() -> {
            Set<ChunkKey> keys = new java.util.HashSet<>();
            for (ChunkItem item : graph.items()) {
                keys.add(item.id());
            }
            return keys;
        });
    }

    /**
     * @return how the graph is searched: {@code graph-walk} ({@link GraphWalk}) or
     *         {@code hnswlib} (its own search, when its internals are out of reach)
     */
    public String searchImplementation() {
        return HnswGraphAccess.AVAILABLE ? "graph-walk" : "hnswlib";
    }

    /**
     * Approximate nearest neighbours from the HNSW graph.
     *
     * @param query a vector of the index's dimensions (normalised here)
     * @param k     how many hits at most
     * @param ef    the search's candidate list size (higher: better recall, slower); raised to k
     * @return hits, most similar first
     */
    public List<IndexHit> search(float[] query, int k, int ef) {
        return search(query, k, ef, HnswGraphAccess.AVAILABLE);
    }

    /**
     * @param ownWalk true to walk hnswlib's graph with {@link GraphWalk}, false to search with
     *                hnswlib's {@code findNearest} (the fallback when its internals are out of reach)
     */
    List<IndexHit> search(float[] query, int k, int ef, boolean ownWalk) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
        float[] q = unit(query);
        if (ownWalk) {
            return walk(q, k, ef, null);
        }
        List<SearchResult<ChunkItem, Float>> found = withGraph(() -> inHnswlibSlot(() -> graph.findNearest(q, Math.max(k, ef))));
        List<IndexHit> hits = new ArrayList<>(Math.min(k, found.size()));
        for (int i = 0; i < found.size() && hits.size() < k; i++) {
            SearchResult<ChunkItem, Float> r = found.get(i);
            hits.add(new IndexHit(r.item().id(), 1f - r.distance()));
        }
        return hits;
    }

    /**
     * Approximate nearest neighbours among the chunks of the given documents: the HNSW walk
     * passes through every node, as the graph's links run through all of them, and keeps the
     * max(k, ef) nearest of these documents' chunks it meets (a selective filter makes it walk
     * further). May return fewer than k when the documents' chunks are few and far from the
     * query; the planner then scans them exactly.
     *
     * <p>Without access to hnswlib's graph (see {@link #searchImplementation()}) this searches
     * hnswlib with ef raised to the index size and filters its answer: right, but slow.
     *
     * @return hits, most similar first
     */
    public List<IndexHit> searchDocuments(float[] query, int k, int ef, Set<String> documentIds) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
        Objects.requireNonNull(documentIds, "documentIds");
        if (!HnswGraphAccess.AVAILABLE) {
            int all = Math.max(k, size());
            List<IndexHit> hits = new ArrayList<>(k);
            for (IndexHit hit : search(query, all, all, false)) {
                if (documentIds.contains(hit.key().documentId()) && hits.size() < k) {
                    hits.add(hit);
                }
            }
            return hits;
        }
        return walk(unit(query), k, ef, key -> documentIds.contains(key.documentId()));
    }

    /** @return the first k of {@link GraphWalk}'s max(k, ef) hits for the unit query */
    private List<IndexHit> walk(float[] q, int k, int ef, Predicate<ChunkKey> accept) {
        List<IndexHit> found = withGraph(() -> GraphWalk.search(graph, dot, q, Math.max(k, ef), accept));
        return found.size() <= k ? found : List.copyOf(found.subList(0, k));
    }

    /**
     * Exact nearest neighbours among the given candidates (keys not in the index are ignored):
     * what the planner uses when a filter leaves few candidates.
     *
     * @return hits, most similar first (equal similarities by key)
     */
    public List<IndexHit> exactSearch(float[] query, int k, Collection<ChunkKey> candidates) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
        float[] q = unit(query);
        List<ChunkItem> items = new ArrayList<>(candidates.size());
        chunksLock.readLock().lock();
        try {
            for (ChunkKey key : candidates) {
                DocumentChunks chunks = chunksByDocument.get(key.documentId());
                ChunkItem item = chunks == null ? null : chunks.get(key.chunkNumber());
                if (item != null) {
                    items.add(item);
                }
            }
        } finally {
            chunksLock.readLock().unlock();
        }
        return TopHits.scored(dot, q, k, items);
    }

    /**
     * Exact nearest neighbours among every chunk of the given documents (documents not in the
     * index are ignored): the planner's scan when a filter leaves few candidates. Reads each
     * document's 8-bit codes front to back, then the 16-bit codes of the chunks that can still be
     * among the k best ({@link CoarseScan}): the same chunks and similarities as scoring every
     * chunk on its 16-bit codes, ties included.
     *
     * @return hits, most similar first
     */
    public List<IndexHit> exactSearchDocuments(float[] query, int k, Collection<String> documentIds) {
        return exactSearchDocuments(query, k, select(documentIds));
    }

    /** {@link #exactSearchDocuments(float[], int, Collection)} over documents already looked up. */
    public List<IndexHit> exactSearchDocuments(float[] query, int k, DocumentSelection selection) {
        return scanDocuments(query, k, selection).result();
    }

    /**
     * Approximate nearest neighbours among every chunk of the given documents, for candidate sets
     * too large to scan exactly: every chunk's similarity is estimated from its 1-bit sketch and
     * the {@code rerank} best estimates are scored on their 16-bit codes ({@link SketchScan}). A
     * chunk of the true k best is missed only when more than {@code rerank} chunks are estimated
     * above it.
     *
     * @param rerank how many chunks are scored exactly (raised to k)
     * @return hits, most similar first (equal similarities by key)
     */
    public List<IndexHit> sketchSearchDocuments(float[] query, int k, int rerank, Collection<String> documentIds) {
        return sketchSearchDocuments(query, k, rerank, select(documentIds));
    }

    /** {@link #sketchSearchDocuments(float[], int, int, Collection)} over documents already looked up. */
    public List<IndexHit> sketchSearchDocuments(float[] query, int k, int rerank, DocumentSelection selection) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
        SketchScan scan = new SketchScan(dot, unit(query), k, Math.max(k, rerank));
        chunksLock.readLock().lock();
        try {
            PackedSketches packed = packed(selection);
            if (packed != null) {
                scan.add(packed);
            } else {
                selection.documents.forEach(scan::add);
            }
        } finally {
            chunksLock.readLock().unlock();
        }
        return scan.result();
    }

    /**
     * The copy of a cached selection's sketches: made by the first sketch scan once the selection
     * has served two queries (a filter used once is not copied), when the index has not changed
     * since it was selected. Caller holds the read lock.
     *
     * @return the copy, or null to scan the documents
     */
    private PackedSketches packed(DocumentSelection selection) {
        if (!selection.repeated() || selection.version != version) {
            return null;
        }
        PackedSketches packed = selection.packed();
        if (packed != null) {
            return packed;
        }
        int words = SketchScan.words(options.dimensions());
        return selections.pack(selection, PackedSketches.bytes(selection.chunkCount(), words),
                () -> PackedSketches.copy(selection.documents, selection.chunkCount(), words));
    }

    /** The first pass of {@link #exactSearchDocuments}, under the lock; the second reads only immutable codes. */
    CoarseScan scanDocuments(float[] query, int k, Collection<String> documentIds) {
        return scanDocuments(query, k, select(documentIds));
    }

    private CoarseScan scanDocuments(float[] query, int k, DocumentSelection selection) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
        CoarseScan scan = new CoarseScan(dot, unit(query), k);
        chunksLock.readLock().lock();
        try {
            selection.documents.forEach(scan::add);
            return scan;
        } finally {
            chunksLock.readLock().unlock();
        }
    }

    /**
     * The documents' chunks in the index, looked up before any is scanned ({@link #select}); the
     * caller holds {@link #chunksLock}. A loop that only looks up lets the CPU overlap the lookups'
     * cache misses (map entry, the id's characters), where a scan that looked each document up as
     * it went would wait for them one document at a time.
     *
     * @return the documents found, in the order given
     */
    private List<DocumentChunks> resolve(Collection<String> documentIds) {
        List<DocumentChunks> found = new ArrayList<>(documentIds.size());
        for (String documentId : documentIds) {
            DocumentChunks chunks = chunksByDocument.get(documentId);
            if (chunks != null) {
                found.add(chunks);
            }
        }
        return found;
    }

    /** Runs an action on the graph while no search or write can run, e.g. to copy it consistently. */
    <T> T exclusively(Supplier<T> action) {
        graphLock.writeLock().lock();
        try {
            return action.get();
        } finally {
            graphLock.writeLock().unlock();
        }
    }

    /**
     * Copies the graph (or only its keys and vectors) for a snapshot. Searches and writes wait
     * for the copy, which takes milliseconds; writing it to disk happens outside the lock.
     */
    GraphImage image(boolean withLinks) {
        return exclusively(() -> HnswGraphAccess.copy(graph, withLinks && HnswGraphAccess.AVAILABLE));
    }

    /**
     * Makes an index from a snapshot's image: the graph as it was when the image has links and
     * hnswlib's internals are reachable, otherwise a graph rebuilt from the live vectors.
     */
    static VectorIndex restore(IndexOptions options, GraphImage image) {
        if (image.links() != null && HnswGraphAccess.AVAILABLE) {
            VectorIndex index = new VectorIndex(options, Distances.DOT,
                    Math.max(INITIAL_CAPACITY, image.nodeCount() + image.nodeCount() / 4));
            HnswGraphAccess.restore(index.graph, image, 2 * options.m(), options.m());
            for (ChunkItem item : index.graph.items()) {
                index.chunksByDocument.computeIfAbsent(item.id().documentId(), d -> new DocumentChunks()).put(item);
            }
            index.chunksByDocument.values().forEach(DocumentChunks::trim);
            return index;
        }
        VectorIndex index = new VectorIndex(options, Distances.DOT, Math.max(INITIAL_CAPACITY, image.liveCount()));
        List<ChunkItem> live = new ArrayList<>(image.liveCount());
        for (int i = 0; i < image.nodeCount(); i++) {
            if (!image.deleted()[i]) {
                live.add(image.items()[i]);
            }
        }
        index.addItems(live, Runtime.getRuntime().availableProcessors());
        return index;
    }

    private boolean addGrowing(ChunkItem item) {
        while (true) {
            int capacity = graph.getMaxItemCount();
            try {
                boolean added = inHnswlibSlot(() -> graph.add(item));
                journal(item);
                return added;
            } catch (SizeLimitExceededException full) {
                // nothing was changed: grow outside the shared lock, then retry
                graphLock.readLock().unlock();
                try {
                    exclusively(() -> {
                        if (graph.getMaxItemCount() == capacity) {
                            graph.resize(capacity * 2);
                            hnswlibSlots = hnswlibSlots(); // the resize made a new pool
                        }
                        return null;
                    });
                } finally {
                    graphLock.readLock().lock();
                }
            }
        }
    }

    private HnswIndex<ChunkKey, Object, ChunkItem, Float> newGraph(int capacity) {
        return HnswIndex.newBuilder(options.dimensions(), distance, Math.max(16, capacity))
                .withM(options.m())
                .withEfConstruction(options.efConstruction())
                // findNearest searches with max(ef, k): keeping ef at 1 lets each query pick its own ef via k
                .withEf(1)
                .withRemoveEnabled()
                .build();
    }

    private boolean removeFromGraph(ChunkKey key) {
        boolean removed = graph.remove(key, 0);
        journal(ChunkItem.removal(key));
        return removed;
    }

    private void journal(ChunkItem change) {
        List<ChunkItem> j = journal;
        if (j != null) {
            synchronized (j) {
                j.add(change);
            }
        }
    }

    /**
     * @return how many removed nodes the graph still carries (hnswlib only flags removals; the
     *         nodes keep their vectors and links until {@link #compact()})
     */
    public int removedNodes() {
        if (!HnswGraphAccess.AVAILABLE) {
            return 0;
        }
        return withGraph(() -> HnswGraphAccess.nodeCount(graph) - graph.size());
    }

    /**
     * Rebuilds the graph from the live vectors, dropping removed nodes, and swaps it in.
     * Searches and writes go on meanwhile (writes are replayed into the new graph before the
     * swap); only the copy and the swap hold the index exclusively.
     */
    public void compact() {
        synchronized (compaction) {
            List<ChunkItem> pending = new ArrayList<>();
            List<ChunkItem> live = exclusively(() -> {
                journal = pending;
                return new ArrayList<>(graph.items());
            });
            HnswIndex<ChunkKey, Object, ChunkItem, Float> fresh;
            try {
                fresh = newGraph(Math.max(INITIAL_CAPACITY, live.size() + live.size() / 4));
                for (ChunkItem item : live) {
                    addTo(fresh, item);
                }
            } catch (RuntimeException | Error e) {
                exclusively(() -> journal = null);
                throw e;
            }
            exclusively(() -> {
                synchronized (pending) {
                    for (ChunkItem change : pending) {
                        if (change.isRemoval()) {
                            fresh.remove(change.id(), 0);
                        } else {
                            addTo(fresh, change);
                        }
                    }
                }
                journal = null;
                graph = fresh;
                hnswlibSlots = hnswlibSlots();
                return null;
            });
        }
    }

    private static void addTo(HnswIndex<ChunkKey, Object, ChunkItem, Float> target, ChunkItem item) {
        try {
            target.add(item);
        } catch (SizeLimitExceededException full) {
            target.resize(target.getMaxItemCount() * 2);
            target.add(item);
        }
    }

    private static Semaphore hnswlibSlots() {
        return new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** Runs a call into hnswlib that borrows from its visited-set pool, once a set is surely free. */
    private <T> T inHnswlibSlot(Supplier<T> call) {
        Semaphore slots = hnswlibSlots;
        slots.acquireUninterruptibly();
        try {
            return call.get();
        } finally {
            slots.release();
        }
    }

    private <T> T withGraph(Supplier<T> action) {
        graphLock.readLock().lock();
        try {
            return action.get();
        } finally {
            graphLock.readLock().unlock();
        }
    }

    private Object stripe(String documentId) {
        return stripes[(documentId.hashCode() & 0x7fff_ffff) % STRIPES];
    }

    private float[] unit(float[] vector) {
        Objects.requireNonNull(vector, "vector");
        if (vector.length != options.dimensions()) {
            throw new IllegalArgumentException("vector has " + vector.length + " dimensions, the index " + options.dimensions());
        }
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        if (!(sum > 0) || Double.isInfinite(sum)) {
            throw new IllegalArgumentException("vector must be finite and non-zero");
        }
        float[] copy = vector.clone();
        if (Math.abs(sum - 1) > 1e-6) {
            float scale = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < copy.length; i++) {
                copy[i] *= scale;
            }
        }
        return copy;
    }
}
