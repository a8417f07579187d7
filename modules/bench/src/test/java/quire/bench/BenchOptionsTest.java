package quire.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchOptionsTest {

    @TempDir
    Path corpus;

    @Test
    void tunablesBecomeServerSettings() {
        BenchOptions o = BenchOptions.parse(List.of("--corpus", corpus.toString(), "--docs", "7", "--workers", "3",
                "--embed-batch-size", "16", "--onnx-batch-size", "8", "--onnx-threads", "1",
                "--set", "quire.ingest.lease=5m"), Path.of("/repo"));
        assertEquals(7, o.docs());
        assertEquals(Map.of("quire.ingest.workers", "3", "quire.ingest.embed-batch-size", "16",
                "quire.embedder.onnx.batch-size", "8", "quire.embedder.onnx.threads", "1",
                "quire.ingest.lease", "5m"), o.overrides());
        assertEquals(Path.of("/repo/plugins/embeddings-onnx/target/models"), o.modelsDir());
    }

    @Test
    void refusesUnknownFlagsAndMissingCorpus() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(List.of("--corpus", corpus.toString(), "--wrokers", "2"), Path.of("/repo")));
        assertTrue(e.getMessage().contains("--wrokers"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(List.of("--corpus", corpus.resolve("absent").toString()), Path.of("/repo")));
        assertTrue(e.getMessage().contains("fetch-corpora.sh"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(List.of("--corpus", corpus.toString(), "--runs", "0"), Path.of("/repo")));
    }
}
