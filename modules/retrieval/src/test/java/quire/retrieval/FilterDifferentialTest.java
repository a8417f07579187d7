package quire.retrieval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quire.plugin.storage.jdbc.JdbcStorageBackendFactory;
import quire.spi.filter.FilterNode;
import quire.spi.storage.AccessScope;
import quire.spi.storage.DocumentQuery;
import quire.spi.storage.DocumentRecord;
import quire.spi.storage.StorageBackend;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random filters over random typed documents must select the same documents in memory, on SQLite
 * and on PostgreSQL (when {@code QUIRE_TEST_PG_URL} is set) through the real jdbc storage; invalid
 * filters must be refused by the parser and so never reach SQL. Seeded: the seed is printed on
 * failure; replay with {@code -Dquire.filter.seed=<seed>}; size with {@code -Dquire.filter.count}.
 */
class FilterDifferentialTest {
    private static final int DOCUMENTS = 250;
    private static final AccessScope SCOPE = new AccessScope("owner", null);

    @TempDir
    Path dataDirectory;

    @Test
    void sqliteAgreesWithMemory() throws Exception {
        JdbcStorageBackendFactory factory = new JdbcStorageBackendFactory();
        try (StorageBackend sqlite = factory.create(
                TestingPluginConfig.of("quire.storage.jdbc", factory.configProperties(), Map.of()),
                TestingPluginContext.of(dataDirectory, "jdbc"))) {
            run("sqlite", sqlite);
        }
    }

    @Test
    void postgresqlAgreesWithMemory() throws Exception {
        String url = System.getenv("QUIRE_TEST_PG_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "QUIRE_TEST_PG_URL not set: skipping PostgreSQL");
        String schema = "quire_filter_" + UUID.randomUUID().toString().replace("-", "");
        execute(url, "CREATE SCHEMA " + schema);
        try {
            JdbcStorageBackendFactory factory = new JdbcStorageBackendFactory();
            Map<String, String> config = new HashMap<>();
            config.put("url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            try (StorageBackend postgres = factory.create(
                    TestingPluginConfig.of("quire.storage.jdbc", factory.configProperties(), config),
                    TestingPluginContext.of(Files.createDirectories(dataDirectory.resolve("pg")), "jdbc"))) {
                run("postgresql", postgres);
            }
        } finally {
            execute(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void run(String name, StorageBackend storage) {
        long seed = Long.getLong("quire.filter.seed", System.nanoTime());
        int count = Integer.getInteger("quire.filter.count", 10_000);
        long started = System.nanoTime();
        RandomFilters random = new RandomFilters(seed);
        List<DocumentRecord> documents = new ArrayList<>();
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < DOCUMENTS; i++) {
            RandomFilters.Doc doc = random.document();
            // a folder per document: the check below selects exact id sets through folderPaths
            DocumentRecord record = new DocumentRecord(String.format("doc-%04d", i), "owner", null, null, null, folder(i),
                    doc.filename(), "text/plain", "completed", doc.metadata().toString(), doc.types().toString(),
                    "{}", "{}", "{}", List.of(), at, at);
            storage.insertDocument(record);
            documents.add(record);
        }
        List<FilterEvaluator.Subject> subjects = documents.stream().map(FilterEvaluator.Subject::of).toList();

        int valid = 0;
        int invalid = 0;
        int nonEmpty = 0;
        long memoryNanos = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < count && failures.size() < 5; i++) {
            boolean wantInvalid = i % 20 == 19;
            JsonValue json = random.filter(wantInvalid);
            FilterNode node;
            try {
                node = FilterParser.parse(json);
            } catch (FilterException e) {
                if (!wantInvalid) {
                    failures.add("valid filter refused (" + e.getMessage() + "): " + json);
                }
                invalid++;
                continue;
            }
            if (wantInvalid) {
                failures.add("invalid filter accepted: " + json);
                continue;
            }
            valid++;
            long memoryStart = System.nanoTime();
            Set<String> expected = new TreeSet<>();
            for (int d = 0; d < documents.size(); d++) {
                if (node == null || FilterEvaluator.matches(node, subjects.get(d))) {
                    expected.add(documents.get(d).id());
                }
            }
            memoryNanos += System.nanoTime() - memoryStart;
            nonEmpty += expected.isEmpty() || expected.size() == documents.size() ? 0 : 1;
            Set<String> actual;
            try {
                actual = selected(storage, node, expected, i % 50 == 0);
            } catch (RuntimeException e) {
                failures.add(name + " failed (" + e + ") on " + json);
                continue;
            }
            if (!expected.equals(actual)) {
                Set<String> onlyMemory = new TreeSet<>(expected);
                onlyMemory.removeAll(actual);
                Set<String> onlyDatabase = new TreeSet<>(actual);
                onlyDatabase.removeAll(expected);
                String example = !onlyMemory.isEmpty() ? describe(documents, onlyMemory.iterator().next())
                        : describe(documents, onlyDatabase.iterator().next());
                failures.add(name + " disagrees on " + json + "\n  memory only: " + onlyMemory + "\n  " + name
                        + " only: " + onlyDatabase + "\n  e.g. " + example);
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("filter differential (%s): seed %d, %d valid filters (%d selecting some but not all), "
                + "%d invalid refused, %d documents, %d ms (memory %d ms)%n", name, seed, valid, nonEmpty, invalid, DOCUMENTS,
                millis, memoryNanos / 1_000_000);
        if (!failures.isEmpty()) {
            fail("seed " + seed + " (replay with -Dquire.filter.seed=" + seed + "):\n" + String.join("\n", failures));
        }
        assertTrue(valid + invalid >= count, "ran every filter");
        assertTrue(nonEmpty > count / 5, "most filters must discriminate, got " + nonEmpty);
    }

    /**
     * The ids the backend selects for a filter. Listing full rows costs far more than the filter
     * itself, so most checks use two counts instead: {@code count(F) = |E|} and
     * {@code count(F restricted to the folders of E) = |E|} hold together only when the backend selects
     * exactly E (every document has its own folder). The smaller side is checked (F or NOT F against
     * the complement: the compiled tree is two-valued, so NOT F is the exact complement).
     * {@code list} also compares a full listing.
     */
    private static Set<String> selected(StorageBackend storage, FilterNode node, Set<String> expected, boolean list) {
        Set<String> all = new TreeSet<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            all.add(String.format("doc-%04d", i));
        }
        if (list) {
            Set<String> listed = new TreeSet<>();
            storage.listDocuments(SCOPE, new DocumentQuery(null, null, false, node, null, null, 0, DOCUMENTS + 1,
                    "external_id", false)).forEach(d -> listed.add(d.id()));
            if (!listed.equals(expected)) {
                return listed;
            }
        }
        boolean complement = node != null && expected.size() > DOCUMENTS / 2;
        FilterNode checked = complement ? new FilterNode.Not(node) : node;
        Set<String> want = new TreeSet<>(complement ? all : expected);
        if (complement) {
            want.removeAll(expected);
        }
        long total = storage.countDocuments(SCOPE, new DocumentQuery(null, null, false, checked, null, null, 0, 0,
                "external_id", false));
        long inside = want.isEmpty() ? 0 : storage.countDocuments(SCOPE, new DocumentQuery(null,
                want.stream().map(id -> folder(Integer.parseInt(id.substring(4)))).toList(), false, checked, null,
                null, 0, 0, "external_id", false));
        if (total == want.size() && inside == want.size()) {
            return expected;
        }
        // they differ: list to show how
        Set<String> listed = new TreeSet<>();
        storage.listDocuments(SCOPE, new DocumentQuery(null, null, false, node, null, null, 0, DOCUMENTS + 1,
                "external_id", false)).forEach(d -> listed.add(d.id()));
        return listed;
    }

    private static String folder(int document) {
        return String.format("/f%04d", document);
    }

    private static String describe(List<DocumentRecord> documents, String id) {
        return documents.stream().filter(d -> d.id().equals(id))
                .map(d -> id + " metadata=" + d.metadataJson() + " types=" + d.metadataTypesJson() + " filename=" + d.filename())
                .findFirst().orElse(id);
    }
}
