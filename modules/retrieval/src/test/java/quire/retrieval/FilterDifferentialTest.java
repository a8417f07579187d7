package quire.retrieval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.JsonValue;
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

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random filters over random typed documents must select the same documents in memory, on SQLite
 * and on PostgreSQL (when {@code QUIRE_TEST_PG_URL} is set) through the real jdbc storage; invalid
 * filters must be refused by the parser and so never reach SQL. Every filter is parsed and evaluated
 * in memory once, then checked against both databases (concurrently, one thread each).
 *
 * <p>Seeded: the seed is printed, and repeated on failure; replay with
 * {@code -Dquire.filter.seed=<seed>}; change the size with {@code -Dquire.filter.count=<n>}.
 */
class FilterDifferentialTest {
    private static final int DOCUMENTS = 200;
    private static final AccessScope SCOPE = new AccessScope("owner", null);

    @TempDir
    Path dataDirectory;

    /** One generated filter with the ids memory selects. */
    private record Case(JsonValue json, FilterNode node, Set<String> expected) {
    }

    @Test
    void memorySqliteAndPostgresqlSelectTheSameDocuments() throws Exception {
        long seed = Long.getLong("quire.filter.seed", System.nanoTime());
        int count = Integer.getInteger("quire.filter.count", 10_000);
        long started = System.nanoTime();
        RandomFilters random = new RandomFilters(seed);
        List<DocumentRecord> documents = documents(random);
        List<FilterEvaluator.Subject> subjects = documents.stream().map(FilterEvaluator.Subject::of).toList();

        List<String> failures = new ArrayList<>();
        List<Case> cases = new ArrayList<>();
        int invalid = 0;
        int discriminating = 0;
        for (int i = 0; i < count; i++) {
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
            Set<String> expected = new TreeSet<>();
            for (int d = 0; d < documents.size(); d++) {
                if (node == null || FilterEvaluator.matches(node, subjects.get(d))) {
                    expected.add(documents.get(d).id());
                }
            }
            discriminating += expected.isEmpty() || expected.size() == documents.size() ? 0 : 1;
            cases.add(new Case(json, node, expected));
        }
        long memoryMillis = (System.nanoTime() - started) / 1_000_000;

        String url = System.getenv("QUIRE_TEST_PG_URL");
        boolean withPostgres = url != null && !url.isBlank();
        if (!withPostgres) {
            System.out.println("QUIRE_TEST_PG_URL not set: skipping PostgreSQL in the filter differential test");
        }
        String schema = "quire_filter_" + UUID.randomUUID().toString().replace("-", "");
        JdbcStorageBackendFactory factory = new JdbcStorageBackendFactory();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (StorageBackend sqlite = factory.create(
                TestingPluginConfig.of("quire.storage.jdbc", factory.configProperties(), Map.of()),
                TestingPluginContext.of(Files.createDirectories(dataDirectory.resolve("sqlite")), "jdbc"))) {
            Future<List<String>> sqliteRun = threads.submit(() -> check("sqlite", sqlite, documents, cases));
            Future<List<String>> postgresRun = null;
            StorageBackend postgres = null;
            if (withPostgres) {
                execute(url, "CREATE SCHEMA " + schema);
                postgres = factory.create(TestingPluginConfig.of("quire.storage.jdbc", factory.configProperties(),
                                Map.of("url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema)),
                        TestingPluginContext.of(Files.createDirectories(dataDirectory.resolve("pg")), "jdbc"));
                StorageBackend pg = postgres;
                postgresRun = threads.submit(() -> check("postgresql", pg, documents, cases));
            }
            try {
                failures.addAll(sqliteRun.get());
                if (postgresRun != null) {
                    failures.addAll(postgresRun.get());
                }
            } finally {
                if (postgres != null) {
                    postgres.close();
                }
            }
        } finally {
            threads.shutdownNow();
            if (withPostgres) {
                execute(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("filter differential: seed %d, %d filters: %d valid (%d selecting some but not all of %d "
                        + "documents), %d invalid refused; memory%s agree; %d ms (parse + memory %d ms)%n",
                seed, count, cases.size(), discriminating, DOCUMENTS, invalid,
                withPostgres ? ", SQLite and PostgreSQL" : " and SQLite", millis, memoryMillis);
        if (!failures.isEmpty()) {
            fail("seed " + seed + " (replay with -Dquire.filter.seed=" + seed + "):\n"
                    + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        }
        assertTrue(cases.size() + invalid >= count, "ran every filter");
        assertTrue(discriminating > cases.size() / 5, "most filters must discriminate, got " + discriminating);
    }

    private static List<DocumentRecord> documents(RandomFilters random) {
        List<DocumentRecord> documents = new ArrayList<>();
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < DOCUMENTS; i++) {
            RandomFilters.Doc doc = random.document();
            // a folder per document: the check below selects exact id sets through folderPaths
            documents.add(new DocumentRecord(id(i), "owner", null, null, null, folder(i), doc.filename(), "text/plain",
                    "completed", doc.metadata().toString(), doc.types().toString(), "{}", "{}", "{}", List.of(), at, at));
        }
        return documents;
    }

    private static List<String> check(String name, StorageBackend storage, List<DocumentRecord> documents,
                                      List<Case> cases) {
        documents.forEach(storage::insertDocument);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases.size() && failures.size() < 5; i++) {
            Case c = cases.get(i);
            Set<String> actual;
            try {
                actual = selected(storage, c.node(), c.expected(), i % 50 == 0);
            } catch (RuntimeException e) {
                failures.add(name + " failed (" + e + ") on " + c.json());
                continue;
            }
            if (!c.expected().equals(actual)) {
                Set<String> onlyMemory = new TreeSet<>(c.expected());
                onlyMemory.removeAll(actual);
                Set<String> onlyDatabase = new TreeSet<>(actual);
                onlyDatabase.removeAll(c.expected());
                String example = describe(documents, !onlyMemory.isEmpty() ? onlyMemory.iterator().next()
                        : onlyDatabase.iterator().next());
                failures.add(name + " disagrees on " + c.json() + "\n  memory only: " + onlyMemory + "\n  " + name
                        + " only: " + onlyDatabase + "\n  e.g. " + example);
            }
        }
        return failures;
    }

    /**
     * The ids the backend selects for a filter. Listing full rows costs far more than the filter
     * itself, so most checks use two counts instead: {@code count(F) = |E|} and
     * {@code count(F restricted to the folders of E) = |E|} hold together only when the backend selects
     * exactly E (every document has its own folder). The smaller side is checked (F, or NOT F against
     * the complement: the compiled tree is two-valued, so NOT F is the exact complement).
     * {@code list} also compares a full listing.
     */
    private static Set<String> selected(StorageBackend storage, FilterNode node, Set<String> expected, boolean list) {
        if (list) {
            Set<String> listed = listed(storage, node);
            if (!listed.equals(expected)) {
                return listed;
            }
        }
        boolean complement = node != null && expected.size() > DOCUMENTS / 2;
        FilterNode checked = complement ? new FilterNode.Not(node) : node;
        Set<String> want = new TreeSet<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            if (expected.contains(id(i)) != complement) {
                want.add(folder(i));
            }
        }
        long total = storage.countDocuments(SCOPE, new DocumentQuery(null, null, false, checked, null, null, 0, 0,
                "external_id", false));
        long inside = want.isEmpty() ? 0 : storage.countDocuments(SCOPE, new DocumentQuery(null, List.copyOf(want),
                false, checked, null, null, 0, 0, "external_id", false));
        if (total == want.size() && inside == want.size()) {
            return expected;
        }
        return listed(storage, node); // they differ: list to show how
    }

    private static Set<String> listed(StorageBackend storage, FilterNode node) {
        Set<String> listed = new TreeSet<>();
        storage.listDocuments(SCOPE, new DocumentQuery(null, null, false, node, null, null, 0, DOCUMENTS + 1,
                "external_id", false)).forEach(d -> listed.add(d.id()));
        return listed;
    }

    private static String id(int document) {
        return String.format("doc-%04d", document);
    }

    private static String folder(int document) {
        return String.format("/f%04d", document);
    }

    private static String describe(List<DocumentRecord> documents, String id) {
        return documents.stream().filter(d -> d.id().equals(id))
                .map(d -> id + " metadata=" + d.metadataJson() + " types=" + d.metadataTypesJson() + " filename=" + d.filename())
                .findFirst().orElse(id);
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
