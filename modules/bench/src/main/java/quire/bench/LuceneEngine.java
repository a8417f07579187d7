package quire.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.MMapDirectory;

/**
 * Lucene's HNSW on the same vectors: {@link Lucene99HnswVectorsFormat} with the same M (maxConn)
 * and efConstruction (beamWidth), in a {@link ByteBuffersDirectory} (on heap), merged to one
 * segment; queried with {@link KnnFloatVectorQuery} asking for {@code ef} candidates (Lucene's
 * num-candidates) and keeping the top k, filters as a doc-values range query. The same files are
 * also copied into an {@link MMapDirectory} on {@code /dev/shm} (still in memory, off heap): the
 * directory Lucene is tuned for, where it scores vectors in place instead of copying them out of
 * heap buffers.
 */
final class LuceneEngine {
    static final String VECTOR = "v";
    static final String BUCKET = "bucket";
    private static final String ROW = "row";
    private final Dataset data;
    private ByteBuffersDirectory directory;
    private DirectoryReader reader;
    private IndexSearcher searcher;
    private int[] rowOfDoc;
    private Path mmapPath;
    private MMapDirectory mmapDirectory;
    private DirectoryReader mmapReader;
    private IndexSearcher mmapSearcher;
    /** the index files' total size */
    long directoryBytes;
    double buildSeconds;
    double bytesPerVector;
    int segments;

    LuceneEngine(Dataset data) {
        this.data = data;
    }

    void build(int m, int efConstruction, int threads, PrintStream out, String label) throws IOException, InterruptedException {
        int n = data.size();
        List<float[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(data.row(i));
        }
        long before = QueryTimer.usedHeap();
        long t0 = System.nanoTime();
        ExecutorService merges = threads > 1 ? Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("bench-lucene-merge-", 0).daemon(true).factory()) : null;
        KnnVectorsFormat format = threads > 1 ? new Lucene99HnswVectorsFormat(m, efConstruction, threads, merges)
                : new Lucene99HnswVectorsFormat(m, efConstruction);
        IndexWriterConfig config = new IndexWriterConfig()
                .setCodec(new Lucene103Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return format;
                    }
                })
                .setRAMBufferSizeMB(1900)
                .setUseCompoundFile(false);
        directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            AtomicInteger next = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            AtomicReference<Exception> failure = new AtomicReference<>();
            int step = Math.max(1000, n / 20);
            Runnable work = () -> {
                for (int i; failure.get() == null && (i = next.getAndIncrement()) < n; ) {
                    Document doc = new Document();
                    doc.add(new KnnFloatVectorField(VECTOR, rows.get(i), VectorSimilarityFunction.DOT_PRODUCT));
                    doc.add(new NumericDocValuesField(BUCKET, Dataset.bucket(data.docOf()[i])));
                    doc.add(new NumericDocValuesField(ROW, i));
                    try {
                        writer.addDocument(doc);
                    } catch (IOException | RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                    int d = done.incrementAndGet();
                    if (d % step == 0) {
                        double s = (System.nanoTime() - t0) / 1e9;
                        out.printf(Locale.ROOT, "  %s lucene: %d/%d added, %.0f adds/s, %.0f s%n", label, d, n, d / s, s);
                    }
                }
            };
            List<Thread> started = new ArrayList<>();
            for (int t = 1; t < threads; t++) {
                started.add(Thread.ofPlatform().name("bench-lucene-add-" + t).start(work));
            }
            work.run();
            for (Thread t : started) {
                t.join();
            }
            if (failure.get() != null) {
                throw new IOException("Lucene indexing failed", failure.get());
            }
            out.printf(Locale.ROOT, "  %s lucene: flushing and merging to one segment, %.0f s%n", label,
                    (System.nanoTime() - t0) / 1e9);
            writer.forceMerge(1);
            writer.commit();
        } finally {
            if (merges != null) {
                merges.shutdownNow();
            }
        }
        reader = DirectoryReader.open(directory);
        buildSeconds = (System.nanoTime() - t0) / 1e9;
        segments = reader.leaves().size();
        for (String file : directory.listAll()) {
            directoryBytes += directory.fileLength(file);
        }
        searcher = new IndexSearcher(reader);
        bytesPerVector = (QueryTimer.usedHeap() - before) / (double) n;
        // the input rows were there before the first measurement: keep them until after the second
        java.lang.ref.Reference.reachabilityFence(rows);
        rowOfDoc = new int[reader.maxDoc()];
        for (LeafReaderContext leaf : reader.leaves()) {
            NumericDocValues values = leaf.reader().getNumericDocValues(ROW);
            for (int d = values.nextDoc(); d != NumericDocValues.NO_MORE_DOCS; d = values.nextDoc()) {
                rowOfDoc[leaf.docBase + d] = (int) values.longValue();
            }
        }
    }

    /** @return the filter selecting documents whose bucket is below {@code percent} */
    static Query filter(int percent) {
        return NumericDocValuesField.newSlowRangeQuery(BUCKET, 0, percent - 1);
    }

    /** Copies the index files into an MMapDirectory under /dev/shm (the temporary directory without it). */
    void openMmapCopy() throws IOException {
        Path shm = Path.of("/dev/shm");
        Path parent = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        mmapPath = Files.createTempDirectory(parent, "quire-bench-lucene-");
        mmapDirectory = new MMapDirectory(mmapPath);
        for (String file : directory.listAll()) {
            mmapDirectory.copyFrom(directory, file, file, IOContext.DEFAULT);
        }
        mmapReader = DirectoryReader.open(mmapDirectory);
        mmapSearcher = new IndexSearcher(mmapReader);
    }

    /** @return where the MMapDirectory copy lives */
    Path mmapPath() {
        return mmapPath;
    }

    TopDocs search(float[] query, int k, int ef, Query filter, boolean mmap) {
        try {
            return (mmap ? mmapSearcher : searcher).search(new KnnFloatVectorQuery(VECTOR, query, Math.max(k, ef), filter), k);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int[] rows(TopDocs top) {
        ScoreDoc[] docs = top.scoreDocs;
        int[] out = new int[docs.length];
        for (int i = 0; i < docs.length; i++) {
            out[i] = rowOfDoc[docs[i].doc];
        }
        return out;
    }

    void close() throws IOException {
        if (mmapReader != null) {
            mmapReader.close();
            mmapDirectory.close();
            try (var files = Files.list(mmapPath)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(mmapPath);
            mmapReader = null;
            mmapSearcher = null;
        }
        if (reader != null) {
            reader.close();
        }
        if (directory != null) {
            directory.close();
        }
        reader = null;
        directory = null;
        searcher = null;
    }
}
