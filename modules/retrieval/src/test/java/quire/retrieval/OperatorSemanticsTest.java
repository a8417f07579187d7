package quire.retrieval;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

/**
 * Each operator on hand-written documents (spec §3.4 examples and the typed-metadata rules): the
 * expected ids are written out, and the in-memory evaluator, real SQLite and (when
 * {@code QUIRE_TEST_PG_URL} is set) PostgreSQL must produce them.
 */
class OperatorSemanticsTest {
    private static final AccessScope SCOPE = new AccessScope("owner", null);
    private static final List<DocumentRecord> DOCUMENTS = new ArrayList<>();
    private static StorageBackend sqlite;
    private static StorageBackend postgres;
    private static String postgresUrl;
    private static String postgresSchema;

    @TempDir
    static Path dataDirectory;

    @BeforeAll
    static void documents() throws Exception {
        add("a", "report Q1.pdf", "{\"department\":\"sales\",\"tags\":[\"urgent\",\"q1\"],\"author\":{\"name\":\"Ada\",\"age\":36},"
                + "\"priority\":\"p0\",\"region\":\"emea\",\"team\":\"a\",\"score\":40,\"due\":\"2025-12-31\","
                + "\"title\":\"Q1 Report\",\"lang\":\"en\",\"n\":5,\"price\":\"12.50\",\"at\":\"2025-01-01T10:00:00+02:00\","
                + "\"nil\":null,\"city\":\"ÉCOLE\"}",
                "{\"department\":\"string\",\"tags\":\"array\",\"author\":\"object\",\"score\":\"number\",\"due\":\"date\","
                + "\"n\":\"number\",\"price\":\"decimal\",\"at\":\"datetime\",\"nil\":\"null\"}");
        add("b", "notes.txt", "{\"department\":\"eng\",\"tags\":\"urgent\",\"author\":{\"name\":\"Grace\"},\"priority\":\"p1\","
                + "\"region\":\"amer\",\"team\":\"b\",\"reviewed\":false,\"score\":90,\"due\":\"2026-01-15\",\"title\":\"q3 report\","
                + "\"lang\":\"de\",\"n\":\"5\",\"price\":\"12.5\",\"at\":\"2025-01-01T08:00:00Z\",\"status\":\"draft\",\"city\":\"école\"}",
                "{\"score\":\"number\",\"due\":\"date\",\"price\":\"decimal\",\"at\":\"datetime\",\"reviewed\":\"boolean\"}");
        add("c", null, "{\"team\":\"b\",\"score\":89.5,\"status\":\"archived\",\"tags\":[\"later\"],\"n\":5.0,\"lang\":\"fr\","
                + "\"price\":13,\"at\":\"2025-01-01T08:00\"}",
                "{\"score\":\"number\",\"n\":\"number\",\"price\":\"decimal\",\"at\":\"datetime\"}");
        add("d", "B.PDF", "{\"status\":\"live\",\"region\":null,\"score\":\"40\",\"title\":\"Summary\"}", "{}");

        JdbcStorageBackendFactory factory = new JdbcStorageBackendFactory();
        sqlite = factory.create(TestingPluginConfig.of("quire.storage.jdbc", factory.configProperties(), Map.of()),
                TestingPluginContext.of(dataDirectory, "jdbc"));
        DOCUMENTS.forEach(sqlite::insertDocument);
        postgresUrl = System.getenv("QUIRE_TEST_PG_URL");
        if (postgresUrl == null || postgresUrl.isBlank()) {
            System.out.println("QUIRE_TEST_PG_URL not set: operator semantics checked in memory and on SQLite only");
            return;
        }
        postgresSchema = "quire_ops_" + java.util.UUID.randomUUID().toString().replace("-", "");
        execute("CREATE SCHEMA " + postgresSchema);
        postgres = factory.create(TestingPluginConfig.of("quire.storage.jdbc", factory.configProperties(),
                        Map.of("url", postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + postgresSchema)),
                TestingPluginContext.of(java.nio.file.Files.createDirectories(dataDirectory.resolve("pg")), "jdbc"));
        DOCUMENTS.forEach(postgres::insertDocument);
    }

    private static void execute(String sql) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(postgresUrl);
             java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void add(String id, String filename, String metadata, String types) {
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        DOCUMENTS.add(new DocumentRecord(id, "owner", null, null, null, null, filename, "text/plain", "completed",
                metadata, types, "{}", "{}", "{}", List.of(), at, at));
    }

    @AfterAll
    static void close() throws Exception {
        sqlite.close();
        if (postgres != null) {
            postgres.close();
            execute("DROP SCHEMA IF EXISTS " + postgresSchema + " CASCADE");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // spec §3.4
            "`{\"department\": \"sales\"}`|a",
            "`{\"tags\": \"urgent\"}`|a b",
            "`{\"author\": {\"name\": \"Ada\"}}`|a",
            "`{\"priority\": {\"$in\": [\"p0\", \"p1\"]}, \"region\": {\"$ne\": \"emea\"}}`|b",
            "`{\"$or\": [{\"team\": \"a\"}, {\"$and\": [{\"team\": \"b\"}, {\"reviewed\": {\"$exists\": true}}]}]}`|a b",
            "`{\"$nor\": [{\"status\": \"archived\"}, {\"status\": \"draft\"}]}`|a d",
            "`{\"score\": {\"$gte\": 40, \"$lt\": 90}, \"due\": {\"$lte\": \"2025-12-31\"}}`|a",
            "`{\"title\": {\"$regex\": {\"pattern\": \"^q[1-4] report\", \"flags\": \"i\"}}}`|a b",
            "`{\"filename\": {\"$contains\": \".pdf\"}}`|a d",
            "`[{\"lang\": \"en\"}, {\"lang\": \"de\"}]`|a b",
            // implicit equality: JSON containment, numbers numerically, arrays by membership
            "`{\"n\": 5}`|a c",
            "`{\"n\": \"5\"}`|b",
            "`{\"tags\": [\"q1\", \"later\"]}`|a c",
            "`{\"author\": {}}`|a b",
            "`{\"author\": {\"name\": \"Ada\", \"age\": 36}}`|a",
            "`{\"nil\": null}`|a",
            "`{\"region\": null}`|d",
            // $eq is typed: numbers match number/decimal fields, strings string(-typed or untyped) fields
            "`{\"n\": {\"$eq\": 5}}`|a c",
            "`{\"n\": {\"$eq\": \"5\"}}`|a b c",
            "`{\"price\": {\"$eq\": 12.5}}`|a b",
            "`{\"price\": {\"$gt\": \"12.5\"}}`|c",
            "`{\"score\": {\"$eq\": \"40\"}}`|a d",
            "`{\"score\": {\"$gte\": \"40\"}}`|a b c",
            "`{\"at\": {\"$eq\": \"2025-01-01T08:00:00Z\"}}`|a b c",
            "`{\"at\": {\"$lte\": \"2025-01-01T09:00:00+01:00\"}}`|a b c",
            "`{\"at\": {\"$lt\": \"2025-01-01T09:00:00+01:00\"}}`|",
            "`{\"due\": {\"$gt\": \"2025-12-31T23:00:00\"}}`|b",
            // $ne: documents lacking the field (or holding null) never match
            "`{\"region\": {\"$ne\": \"x\"}}`|a b",
            "`{\"status\": {\"$ne\": \"draft\"}}`|c d",
            "`{\"score\": {\"$ne\": 40}}`|b c d",
            // $nin and $not do match documents lacking the field
            "`{\"status\": {\"$nin\": [\"draft\", \"live\"]}}`|a c",
            "`{\"score\": {\"$not\": {\"$gt\": 50}}}`|a d",
            // $exists: key present, even with a null value
            "`{\"region\": {\"$exists\": true}}`|a b d",
            "`{\"region\": {\"$exists\": \"no\"}}`|c",
            // $type: metadata_types entry, else string (also for missing keys)
            "`{\"score\": {\"$type\": \"number\"}}`|a b c",
            "`{\"score\": {\"$type\": \"str\"}}`|d",
            "`{\"reviewed\": {\"$type\": [\"bool\", \"null\"]}}`|b",
            "`{\"nil\": {\"$type\": \"null\"}}`|a",
            // $regex and $contains: string values and string array elements; contains folds case per code point
            "`{\"tags\": {\"$regex\": \"^ur\"}}`|a b",
            "`{\"city\": {\"$contains\": \"éc\"}}`|a b",
            "`{\"city\": {\"$contains\": {\"value\": \"ÉC\", \"case_sensitive\": true}}}`|a",
            "`{\"tags\": {\"$contains\": \"ATE\"}}`|c",
            "`{\"city\": {\"$regex\": {\"pattern\": \"^école$\", \"flags\": \"i\"}}}`|a b",
            // filename column
            "`{\"filename\": \"notes.txt\"}`|b",
            "`{\"filename\": null}`|c",
            "`{\"filename\": {\"$ne\": \"notes.txt\"}}`|a c d",
            "`{\"filename\": {\"$gt\": \"a\"}}`|a b",
            "`{\"filename\": [\"B.PDF\", null]}`|c d",
            "`{\"filename\": {\"$nin\": [\"B.PDF\"]}}`|a b c",
            "`{\"filename\": {\"$exists\": false}}`|c",
            "`{\"filename\": {\"$regex\": {\"pattern\": \"pdf$\", \"flags\": \"i\"}}}`|a d",
            "`{\"filename\": {\"$not\": {\"$contains\": \"pdf\"}}}`|b c",
    })
    void memoryAndSqliteSelectTheWrittenDocuments(String filter, String expectedIds) {
        FilterNode node = FilterParser.parse(FilterParserTest.json(filter));
        Set<String> expected = expectedIds == null ? Set.of() : new TreeSet<>(List.of(expectedIds.split(" ")));
        Set<String> memory = new TreeSet<>();
        DOCUMENTS.stream().filter(d -> FilterEvaluator.matches(node, d)).forEach(d -> memory.add(d.id()));
        assertEquals(expected, memory, "memory");
        Set<String> database = new TreeSet<>();
        sqlite.listDocuments(SCOPE, new DocumentQuery(null, null, false, node, null, null, 0, 100, "external_id", false))
                .forEach(d -> database.add(d.id()));
        assertEquals(expected, database, "sqlite");
        if (postgres != null) {
            Set<String> pg = new TreeSet<>();
            postgres.listDocuments(SCOPE, new DocumentQuery(null, null, false, node, null, null, 0, 100, "external_id", false))
                    .forEach(d -> pg.add(d.id()));
            assertEquals(expected, pg, "postgresql");
        }
    }
}
