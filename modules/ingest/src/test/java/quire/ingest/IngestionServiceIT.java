package quire.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quire.spi.blob.BlobTooLargeException;
import quire.spi.storage.ChunkRecord;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.JobRecord;
import quire.spi.testkit.TestingEmbedder;

class IngestionServiceIT {
    @TempDir
    Path dir;

    @Test
    void textBecomesDurableEmbeddedChunksInOrder() throws Exception {
        try (IngestFixture f = new IngestFixture(dir, TestingEmbedder.small())) {
            IngestionService service = f.service(IngestFixture.settings(2, Duration.ofMinutes(1)), null);
            service.start();
            String text = IngestFixture.longText(12);
            DocumentRecord accepted = service.submit(IngestFixture.text(IngestFixture.ALICE, "notes.txt"), IngestFixture.bytes(text), 1 << 20);
            assertEquals(DocumentStatus.PROCESSING, accepted.status());
            JsonObject progress = JsonText.parseObject(accepted.systemMetadataJson()).getJsonObject("progress");
            assertEquals("queued", progress.getString("step_name"));
            assertEquals(IngestStep.TOTAL, progress.getInt("total_steps"));

            DocumentRecord done = f.awaitSettled(service, accepted.id());
            assertEquals(DocumentStatus.COMPLETED, done.status());
            JsonObject sys = JsonText.parseObject(done.systemMetadataJson());
            assertFalse(sys.containsKey("progress"), "progress is removed on completion");
            assertEquals(text.strip(), sys.getString("content").strip());
            List<ChunkRecord> chunks = f.storage.chunksOf(done.id());
            assertTrue(chunks.size() > 3, "a long text gives several chunks: " + chunks.size());
            assertEquals(chunks.size(), done.chunkIds().size());
            for (int i = 0; i < chunks.size(); i++) {
                assertEquals(i, chunks.get(i).chunkNumber());
                assertEquals(64, chunks.get(i).embedding().length);
                assertTrue(f.embedder.countTokens(chunks.get(i).content()) <= 40);
            }
            // every sentence survives chunking
            for (int p = 0; p < 12; p++) {
                String marker = "item" + (p * 10 + 5);
                assertTrue(chunks.stream().anyMatch(c -> c.content().contains(marker)), marker);
            }
            assertEquals("alice", done.ownerId());
            assertEquals(done.id(), JsonText.parseObject(done.metadataJson()).getString("external_id"));
            assertEquals("test", JsonText.parseObject(done.metadataJson()).getString("topic"));
        }
    }

    @Test
    void fileTypeIsSniffedFromBytesNotFromTheDeclaredType() throws Exception {
        try (IngestFixture f = new IngestFixture(dir, TestingEmbedder.small())) {
            IngestionService service = f.service(IngestFixture.settings(1, Duration.ofMinutes(1)), null);
            service.start();
            String html = "<!DOCTYPE html><html><head><title>T</title><script>var secret=1;</script></head>"
                    + "<body><h1>Heading</h1><p>Visible paragraph text.</p></body></html>";
            DocumentRecord doc = service.submit(IngestFixture.file(IngestFixture.ALICE, "report.pdf", "application/pdf"),
                    IngestFixture.bytes(html), 1 << 20);
            DocumentRecord done = f.awaitSettled(service, doc.id());
            assertEquals(DocumentStatus.COMPLETED, done.status(), done.systemMetadataJson());
            assertEquals("text/html", done.contentType());
            String all = String.join(" ", f.storage.chunksOf(doc.id()).stream().map(ChunkRecord::content).toList());
            assertTrue(all.contains("Visible paragraph text."), all);
            assertFalse(all.contains("secret"), all);
        }
    }

    @Test
    void unsupportedBytesFailTheDocumentWithAClearError() throws Exception {
        try (IngestFixture f = new IngestFixture(dir, TestingEmbedder.small())) {
            IngestionService service = f.service(IngestFixture.settings(1, Duration.ofMinutes(1)), null);
            service.start();
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
            DocumentRecord doc = service.submit(IngestFixture.file(IngestFixture.ALICE, "x.txt", "text/plain"),
                    new java.io.ByteArrayInputStream(png), 1 << 20);
            DocumentRecord done = f.awaitSettled(service, doc.id());
            assertEquals(DocumentStatus.FAILED, done.status());
            String error = JsonText.parseObject(done.systemMetadataJson()).getString("error");
            assertTrue(error.startsWith("Unsupported content type: image/png"), error);
            assertTrue(f.storage.chunksOf(doc.id()).isEmpty());
            assertTrue(f.storage.jobsOfDocument(doc.id()).stream().allMatch(j -> j.state().equals("failed")));
        }
    }

    @Test
    void transientEmbeddingFailuresAreRetriedAndPermanentOnesFail() throws Exception {
        try (IngestFixture f = new IngestFixture(dir, TestingEmbedder.small().failNext(2, true))) {
            IngestionService service = f.service(IngestFixture.settings(1, Duration.ofMinutes(1)), null);
            service.start();
            DocumentRecord ok = service.submit(IngestFixture.text(IngestFixture.ALICE, "a.txt"), IngestFixture.bytes("short text to embed"), 1 << 20);
            DocumentRecord done = f.awaitSettled(service, ok.id());
            assertEquals(DocumentStatus.COMPLETED, done.status(), done.systemMetadataJson());
            assertEquals(1, f.storage.chunksOf(ok.id()).size());

            f.embedder.failNext(1, false);
            DocumentRecord bad = service.submit(IngestFixture.text(IngestFixture.ALICE, "b.txt"), IngestFixture.bytes("another text"), 1 << 20);
            DocumentRecord failed = f.awaitSettled(service, bad.id());
            assertEquals(DocumentStatus.FAILED, failed.status());
            assertTrue(JsonText.parseObject(failed.systemMetadataJson()).getString("error").startsWith("Embedding failed"));

            f.embedder.failNext(10, true); // more than maxAttempts (3): gives up, never processing forever
            DocumentRecord flaky = service.submit(IngestFixture.text(IngestFixture.ALICE, "c.txt"), IngestFixture.bytes("third text"), 1 << 20);
            assertEquals(DocumentStatus.FAILED, f.awaitSettled(service, flaky.id()).status());
        }
    }

    @Test
    void resubmitReplacesChunksWithoutDuplicates() throws Exception {
        try (IngestFixture f = new IngestFixture(dir, TestingEmbedder.small())) {
            IngestionService service = f.service(IngestFixture.settings(1, Duration.ofMinutes(1)), null);
            service.start();
            DocumentRecord doc = service.submit(IngestFixture.text(IngestFixture.ALICE, "a.txt"), IngestFixture.bytes(IngestFixture.longText(10)), 1 << 20);
            int before = f.storage.chunksOf(f.awaitSettled(service, doc.id()).id()).size();
            assertTrue(before > 2);
            Optional<DocumentRecord> again = service.resubmit(IngestFixture.ALICE, doc.id(), IngestFixture.bytes("completely new words"),
                    1 << 20, true, null, null, d -> d);
            assertEquals(DocumentStatus.PROCESSING, again.orElseThrow().status());
            DocumentRecord done = f.awaitSettled(service, doc.id());
            assertEquals(DocumentStatus.COMPLETED, done.status());
            List<ChunkRecord> chunks = f.storage.chunksOf(doc.id());
            assertEquals(1, chunks.size());
            assertEquals("completely new words", chunks.get(0).content());
            assertEquals(List.of(doc.id() + ":0"), done.chunkIds());
            assertTrue(service.resubmit(new quire.spi.storage.AccessScope("mallory", null), doc.id(),
                    IngestFixture.bytes("x"), 100, true, null, null, d -> d).isEmpty(), "other owners cannot update");
        }
    }

    /** Progress writes are throttled, but a document that takes a while still shows where it is. */
    @Test
    void aSlowDocumentShowsItsStepWhileProcessing() throws Exception {
        try (IngestFixture f = new IngestFixture(dir, TestingEmbedder.small().delayEachCall(100))) {
            IngestionService service = f.service(IngestFixture.settings(1, Duration.ofMinutes(1)), null);
            service.start();
            DocumentRecord doc = service.submit(IngestFixture.text(IngestFixture.ALICE, "slow.txt"),
                    IngestFixture.bytes(IngestFixture.longText(30)), 1 << 20);
            JsonObject progress = f.awaitProgressStep(doc.id(), "embedding");
            assertEquals(IngestStep.EMBEDDING.number(), progress.getInt("current_step"));
            assertEquals(IngestStep.TOTAL, progress.getInt("total_steps"));
            double pct = progress.getJsonNumber("percentage").doubleValue();
            assertTrue(pct >= 50 && pct <= 75, "embedding is the third of four steps: " + pct);
            assertEquals(DocumentStatus.COMPLETED, f.awaitSettled(service, doc.id()).status());
        }
    }

    /**
     * A client's metadata change landing between the worker's last read and its final write (the
     * storage below makes one there, every time) is kept: the worker re-reads and completes on top.
     */
    @Test
    void aMetadataChangeJustBeforeTheFinalWriteIsNotLost() throws Exception {
        try (IngestFixture f = new IngestFixture(dir, TestingEmbedder.small())) {
            java.util.concurrent.atomic.AtomicInteger interleaved = new java.util.concurrent.atomic.AtomicInteger();
            quire.spi.storage.StorageBackend racing = (quire.spi.storage.StorageBackend) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {quire.spi.storage.StorageBackend.class}, (proxy, method, args) -> {
                        if (method.getName().startsWith("replaceChunksAnd") && interleaved.getAndIncrement() == 0) {
                            DocumentRecord doc = (DocumentRecord) args[args[0] instanceof DocumentRecord ? 0 : 1];
                            DocumentRecord current = f.storage.findDocument(IngestFixture.ALICE, doc.id()).orElseThrow();
                            DocumentDraft d = DocumentDraft.of(current);
                            d.metadataJson = "{\"topic\":\"test\",\"reviewed\":true}";
                            d.updatedAt = current.updatedAt().plusMillis(1);
                            assertTrue(f.storage.updateDocument(IngestFixture.ALICE, d.build()), "the client's change lands");
                        }
                        try {
                            return method.invoke(f.storage, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            IngestionService service = f.service(IngestFixture.settings(1, Duration.ofMinutes(1)), null, racing);
            service.start();
            DocumentRecord doc = service.submit(IngestFixture.text(IngestFixture.ALICE, "a.txt"),
                    IngestFixture.bytes(IngestFixture.longText(3)), 1 << 20);
            DocumentRecord done = f.awaitSettled(service, doc.id());
            assertEquals(DocumentStatus.COMPLETED, done.status());
            assertTrue(interleaved.get() >= 2, "the first write was refused and retried: " + interleaved.get());
            assertEquals(Boolean.TRUE, JsonText.parseObject(done.metadataJson()).getBoolean("reviewed", false),
                    "the client's metadata survives the worker's final write: " + done.metadataJson());
            assertEquals(done.chunkIds().size(), f.storage.chunksOf(doc.id()).size());
        }
    }

    /** An update arriving while the previous content is still being embedded must win, whatever finishes last. */
    @Test
    void aJobWhoseDocumentGotNewContentMeanwhileWritesNothing() throws Exception {
        try (IngestFixture f = new IngestFixture(dir, TestingEmbedder.small().delayEachCall(150))) {
            IngestionService service = f.service(IngestFixture.settings(2, Duration.ofMinutes(1)), null);
            service.start();
            DocumentRecord doc = service.submit(IngestFixture.text(IngestFixture.ALICE, "a.txt"),
                    IngestFixture.bytes(IngestFixture.longText(20)), 1 << 20);
            f.awaitProgressStep(doc.id(), "embedding");
            service.resubmit(IngestFixture.ALICE, doc.id(), IngestFixture.bytes("the replacement text"), 1 << 20, true,
                    null, null, d -> d).orElseThrow();
            DocumentRecord done = f.awaitSettled(service, doc.id());
            assertEquals(DocumentStatus.COMPLETED, done.status());
            // the older job may finish after the newer one: give it time, then check nothing stale landed
            Thread.sleep(1500);
            List<ChunkRecord> chunks = f.storage.chunksOf(doc.id());
            assertEquals(1, chunks.size(), "only the replacement's chunks");
            assertEquals("the replacement text", chunks.get(0).content());
            assertEquals("the replacement text",
                    JsonText.parseObject(f.storage.findDocument(IngestFixture.ALICE, doc.id()).orElseThrow().systemMetadataJson())
                            .getString("content"));
        }
    }

    @Test
    void oversizedUploadsLeaveNothingBehind() throws Exception {
        try (IngestFixture f = new IngestFixture(dir, TestingEmbedder.small())) {
            IngestionService service = f.service(IngestFixture.settings(1, Duration.ofMinutes(1)), null);
            assertThrows(BlobTooLargeException.class, () -> service.submit(IngestFixture.text(IngestFixture.ALICE, "big.txt"),
                    IngestFixture.bytes("x".repeat(5000)), 1000));
            assertEquals(0, f.storage.countDocuments(IngestFixture.ALICE, quire.spi.storage.DocumentQuery.all(10)));
            assertTrue(f.storage.jobCounts().values().stream().allMatch(n -> n == 0), f.storage.jobCounts().toString());
        }
    }

    /**
     * A worker that dies mid-job (its process killed) leaves a claimed job behind; after a
     * restart the job is reclaimed once its lease expires and completes exactly once.
     */
    @Test
    void jobsOfADeadWorkerAreResumedAfterRestartExactlyOnce() throws Exception {
        try (IngestFixture f = new IngestFixture(dir, TestingEmbedder.small())) {
            IngestSettings settings = IngestFixture.settings(2, Duration.ofMillis(600));
            IngestionService first = f.service(settings, null); // never started: accepts but does not work
            List<DocumentRecord> docs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                docs.add(first.submit(IngestFixture.text(IngestFixture.ALICE, "d" + i + ".txt"),
                        IngestFixture.bytes(IngestFixture.longText(3 + i)), 1 << 20));
            }
            // a worker of a process that then died claims two jobs and never finishes them
            Optional<JobRecord> claimed1 = f.storage.claimJob("dead-worker", Instant.now(), Duration.ofMillis(600));
            Optional<JobRecord> claimed2 = f.storage.claimJob("dead-worker", Instant.now(), Duration.ofMillis(600));
            assertTrue(claimed1.isPresent() && claimed2.isPresent());
            first.close();

            ConcurrentHashMap<String, Integer> completions = new ConcurrentHashMap<>();
            IngestionService second = f.service(settings, new IngestListener() {
                @Override
                public void documentCompleted(DocumentRecord document, List<ChunkRecord> chunks) {
                    completions.merge(document.id(), 1, Integer::sum);
                }
            });
            second.start();
            for (DocumentRecord d : docs) {
                DocumentRecord done = f.awaitSettled(second, d.id());
                assertEquals(DocumentStatus.COMPLETED, done.status(), d.filename());
                List<ChunkRecord> chunks = f.storage.chunksOf(d.id());
                assertEquals(done.chunkIds().size(), chunks.size());
                for (int i = 0; i < chunks.size(); i++) {
                    assertEquals(i, chunks.get(i).chunkNumber());
                }
            }
            for (DocumentRecord d : docs) {
                assertEquals(1, completions.getOrDefault(d.id(), 0), "completed exactly once: " + d.filename());
            }
            assertTrue(f.storage.jobCounts().values().stream().allMatch(n -> n == 0), f.storage.jobCounts().toString());
        }
    }

    @Test
    void concurrentIngestAndDeleteLeaveNothingOfDeletedDocuments() throws Exception {
        try (IngestFixture f = new IngestFixture(dir, TestingEmbedder.small())) {
            IngestionService service = f.service(IngestFixture.settings(2, Duration.ofMinutes(1)), null);
            service.start();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<DocumentRecord>> submitted = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    int n = i;
                    submitted.add(pool.submit(() -> service.submit(IngestFixture.text(IngestFixture.ALICE, "c" + n + ".txt"),
                            IngestFixture.bytes(IngestFixture.longText(2 + n % 5)), 1 << 20)));
                }
                List<DocumentRecord> docs = new ArrayList<>();
                for (Future<DocumentRecord> s : submitted) {
                    docs.add(s.get());
                }
                List<Future<Boolean>> deletes = new ArrayList<>();
                for (int i = 0; i < docs.size(); i += 2) {
                    String id = docs.get(i).id();
                    deletes.add(pool.submit(() -> service.delete(IngestFixture.ALICE, id)));
                }
                for (Future<Boolean> d : deletes) {
                    assertTrue(d.get());
                }
                for (int i = 0; i < docs.size(); i++) {
                    String id = docs.get(i).id();
                    if (i % 2 == 0) {
                        continue;
                    }
                    DocumentRecord done = f.awaitSettled(service, id);
                    assertEquals(DocumentStatus.COMPLETED, done.status());
                    assertEquals(done.chunkIds().size(), f.storage.chunksOf(id).size());
                }
                // let any worker still busy with a deleted document finish
                Thread.sleep(300);
                for (int i = 0; i < docs.size(); i += 2) {
                    String id = docs.get(i).id();
                    assertTrue(f.storage.findDocument(IngestFixture.ALICE, id).isEmpty());
                    assertTrue(f.storage.chunksOf(id).isEmpty(), "no chunks of a deleted document");
                    assertTrue(f.storage.jobsOfDocument(id).isEmpty());
                    assertTrue(f.blobs.stat(IngestionService.SOURCE_BUCKET, id + "/source").isEmpty());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void requeueRunsACompletedDocumentAgain() throws Exception {
        try (IngestFixture f = new IngestFixture(dir, TestingEmbedder.small())) {
            IngestionService service = f.service(IngestFixture.settings(1, Duration.ofMinutes(1)), null);
            service.start();
            DocumentRecord doc = service.submit(IngestFixture.text(IngestFixture.ALICE, "a.txt"), IngestFixture.bytes("some words here"), 1 << 20);
            f.awaitSettled(service, doc.id());
            int calls = f.embedder.passageCalls();
            assertTrue(service.requeue(IngestFixture.ALICE, doc.id()));
            DocumentRecord done = f.awaitSettled(service, doc.id());
            assertEquals(DocumentStatus.COMPLETED, done.status());
            assertTrue(f.embedder.passageCalls() > calls);
            assertEquals(1, f.storage.chunksOf(doc.id()).size());
            assertFalse(service.requeue(IngestFixture.ALICE, "no-such-id"));
            assertNotNull(done.updatedAt());
        }
    }
}
