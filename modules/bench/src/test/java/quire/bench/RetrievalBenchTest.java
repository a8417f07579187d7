package quire.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Smoke test of the retrieval harness on 1500 synthetic vectors, one build thread (Lucene then needs no merge) (no model, no server): every row
 * is there, brute force is exact, filters are compared with Lucene's. Asserts no timings.
 */
class RetrievalBenchTest {

    @Test
    void oneSmallSyntheticSetGivesEveryRow() throws Exception {
        RetrievalOptions options = RetrievalOptions.parse(List.of("--real", "0", "--synthetic", "1500", "--queries", "30",
                "--e2e-docs", "0", "--ef", "50,100", "--build-threads", "1"), Path.of("/nowhere"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<RetrievalTable.Row> rows;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            rows = new RetrievalBench(options, out).run();
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        List<String> engines = rows.stream().map(RetrievalTable.Row::engine).toList();
        // brute force; ours and Lucene heap and mmap at 2 efs; ours filtered at 2 efs x 2 filters, repeated and new,
        // + the two other paths at 10% at each ef (the planner scans exactly here, so the exact scan is not timed
        // again); Lucene heap and mmap filtered at 2 efs x 2 filters
        assertEquals(1 + 3 * 2 + (2 * 4 + 2 * 2) + 8, rows.size(), engines.toString());
        RetrievalTable.Row brute = rows.get(0);
        assertTrue(brute.engine().startsWith("brute force"));
        assertEquals(1.0, brute.timed().recall());
        assertNull(brute.lucene());
        for (RetrievalTable.Row r : rows) {
            assertEquals(1500, r.n());
            assertEquals(30, r.timed().queries());
            assertTrue(r.timed().p99Ms() >= r.timed().p50Ms());
            if (r.engine().startsWith("ours")) {
                assertNotNull(r.lucene(), r.engine() + " has no Lucene row to compare with");
                assertNotNull(r.mmap(), r.engine() + " has no Lucene MMapDirectory row to compare with");
                assertEquals(r.engine().contains("filter"), r.lucene().engine().contains("filter"));
            }
            if (r.engine().contains("planner: exact")) {
                assertEquals(1.0, r.timed().recall(), r.engine() + " scans exactly");
            }
        }
        assertTrue(engines.contains("lucene heap ef=100") && engines.contains("lucene mmap filter 1% ef=50")
                && engines.contains("ours filter 1% ef=50 planner: exact") && engines.contains("ours filter 10% ef=100 forced: hnsw walk")
                && engines.contains("ours filter 10% ef=50 forced: sketch")
                && engines.contains("ours filter 10% ef=100 planner: exact, new filter"),
                engines.toString());
        for (RetrievalTable.Row r : rows) {
            if (r.engine().startsWith("ours filter")) {
                String ef = r.engine().substring(r.engine().indexOf("ef="), r.engine().indexOf(' ', r.engine().indexOf("ef=")));
                assertTrue(r.lucene().engine().endsWith(ef) && r.mmap().engine().endsWith(ef), r.engine() + " is compared at its ef");
            }
        }
        assertTrue(text.contains("recall@10") && text.contains("equal recall") && text.contains("filtered vs unfiltered"), text);
    }

    @Test
    void optionsParseAndRefuseUnknownFlags() {
        RetrievalOptions o = RetrievalOptions.parse(List.of("--real", "0", "--synthetic", "100000,1000000", "--ef", "64",
                "--e2e-docs", "0", "--no-lucene", "--onnx-threads", "1"), Path.of("/repo"));
        assertEquals(List.of(100_000, 1_000_000), o.synthetic());
        assertEquals(List.of(64), o.efs());
        assertEquals(false, o.lucene());
        assertEquals("1", o.embedder().get("quire.embedder.onnx.threads"));
        assertEquals(Path.of("/repo/modules/bench/target/retrieval-vectors"), o.cache());
        assertThrows(IllegalArgumentException.class, () -> RetrievalOptions.parse(List.of("--bogus", "1"), Path.of("/repo")));
        assertThrows(IllegalArgumentException.class, () -> RetrievalOptions.parse(List.of("--real", "5"),
                Path.of("/nowhere")), "a missing corpus is refused when real chunks are wanted");
    }
}
