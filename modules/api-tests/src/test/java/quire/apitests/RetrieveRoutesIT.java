package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static quire.apitests.RetrievalCalls.body;
import static quire.apitests.RetrievalCalls.chunks;
import static quire.apitests.RetrievalCalls.documents;
import static quire.apitests.RetrievalCalls.keys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import quire.spi.storage.DocumentRecord;

/**
 * The retrieval routes of spec §1.5 over real HTTP with the deterministic (bag-of-words) testing
 * embedder: ranking, scores, k, min_score, filters, folder and end-user scopes, deletion, padding,
 * the grouped and docs variants against plain chunks, batch lookups, bad inputs and /health.
 */
class RetrieveRoutesIT {
    private static final int MAX_K = 50;

    @TempDir
    static Path dir;
    static QuireTestServer server;
    static HttpFixture http;
    static TestingDocuments docs;
    static DocumentRecord volcano;
    static DocumentRecord bread;
    static DocumentRecord orbit;
    static DocumentRecord glacier;
    static DocumentRecord manual;

    @BeforeAll
    static void start() {
        server = QuireTestServer.start(dir, Map.of(
                "quire.embedder.testing.dimensions", "512",
                "quire.embedder.testing.max-tokens", "512",
                "quire.chunker.recursive.chunk-size", "40",
                "quire.chunker.recursive.chunk-overlap", "0",
                "quire.retrieval.max-k", Integer.toString(MAX_K)));
        http = server.http();
        docs = new TestingDocuments(server);
        volcano = text("/Geo", null, "volcano.txt", "{\"topic\":\"geology\",\"year\":2020}",
                "Volcanoes erupt molten lava when magma pressure builds beneath the crust of the earth.");
        bread = text("/Food", null, "bread.txt", "{\"topic\":\"cooking\"}",
                "Bake sourdough bread with flour water salt and a lively starter culture overnight.");
        orbit = text(null, "eve", "orbit.txt", "{\"topic\":\"space\"}",
                "Satellites orbit the planet while gravity keeps the moon circling the earth.");
        glacier = text("/Geo/Ice", null, "glacier.txt", "{\"topic\":\"geology\"}",
                "Glaciers carve valleys as ice slowly moves downhill under its own weight.");
        List<String> paragraphs = new ArrayList<>();
        String[] words = {"amber", "birch", "cobalt", "dune", "ember", "fjord"};
        for (String w : words) {
            paragraphs.add(("Section " + w + " explains the " + w + " procedure. ").repeat(4).strip());
        }
        manual = text("/Manual", null, "manual.txt", "{\"topic\":\"manual\"}", String.join("\n\n", paragraphs));
        assertEquals(words.length, docs.services().storage().chunksOf(manual.id()).size(),
                "one chunk per manual paragraph");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static DocumentRecord text(String folder, String endUser, String filename, String metadata, String content) {
        DocumentRecord d = docs.create(TestingDocuments.DEV, folder, endUser, filename, null,
                content.getBytes(StandardCharsets.UTF_8), true, metadata);
        assertEquals("completed", d.status(), d::systemMetadataJson);
        return d;
    }

    @Test
    void theMatchingChunkComesFirstAsAChunkResult() {
        JsonArray results = chunks(http, "why do volcanoes erupt molten lava", 4);
        assertEquals(4, results.size(), "k results when k exist");
        JsonObject first = results.getJsonObject(0);
        assertEquals(volcano.id(), first.getString("document_id"));
        assertEquals(0, first.getInt("chunk_number"));
        assertTrue(first.getString("content").startsWith("Volcanoes erupt"));
        assertEquals("text/plain", first.getString("content_type"));
        assertEquals("volcano.txt", first.getString("filename"));
        assertFalse(first.getBoolean("is_padding"));
        JsonObject metadata = first.getJsonObject("metadata");
        assertEquals("geology", metadata.getString("topic"), "document metadata carried");
        assertEquals(2020, metadata.getInt("year"));
        assertEquals(JsonValue.FALSE, metadata.get("is_image"));
        assertTrue(results.getJsonObject(0).getJsonNumber("score").doubleValue()
                > results.getJsonObject(1).getJsonNumber("score").doubleValue(), "the match is strictly best");
        // the signed link needs no token
        HttpFixture.Response file = new HttpFixture(server.url()).get(first.getString("download_url"));
        assertEquals(200, file.status(), file::text);
        assertTrue(file.text().startsWith("Volcanoes erupt"));
    }

    @Test
    void kBoundsTheResultsAndEveryChunkCanBeReached() {
        assertEquals(1, chunks(http, "earth", 1).size());
        JsonArray all = chunks(http, body("earth", MAX_K).add("filters", Json.createObjectBuilder().add("topic", "manual"))
                .build());
        assertEquals(6, all.size(), "every chunk when k exceeds them");
        assertEquals(all.size(), new TreeSet<>(keys(all)).size(), "no duplicates");
    }

    @Test
    void minScoreIsHonoured() {
        JsonArray all = chunks(http, "glaciers carve valleys of ice", MAX_K);
        double best = all.getJsonObject(0).getJsonNumber("score").doubleValue();
        double second = all.getJsonObject(1).getJsonNumber("score").doubleValue();
        assertTrue(best > second);
        double threshold = (best + second) / 2;
        JsonArray kept = chunks(http, body("glaciers carve valleys of ice", MAX_K).add("min_score", threshold).build());
        assertEquals(List.of(glacier.id() + "#0"), keys(kept));
        assertEquals(0, chunks(http, body("glaciers carve valleys of ice", MAX_K).add("min_score", 1.01).build()).size());
    }

    @Test
    void filtersExclude() {
        JsonArray r = chunks(http, body("volcanoes erupt molten lava", MAX_K)
                .add("filters", Json.createObjectBuilder().add("topic", "cooking")).build());
        assertEquals(List.of(bread.id()), documents(r));
        JsonArray geology = chunks(http, body("volcanoes erupt molten lava", MAX_K)
                .add("filters", Json.createObjectBuilder().add("topic", Json.createObjectBuilder()
                        .add("$in", Json.createArrayBuilder().add("geology").add("space")))).build());
        assertEquals(Set.of(volcano.id(), glacier.id(), orbit.id()), Set.copyOf(documents(geology)));
        assertEquals(volcano.id(), geology.getJsonObject(0).getString("document_id"));
        JsonArray none = chunks(http, body("volcanoes", MAX_K)
                .add("filters", Json.createObjectBuilder().add("topic", "nothing-has-this")).build());
        assertEquals(0, none.size());
    }

    @Test
    void folderScopesExclude() {
        assertEquals(List.of(volcano.id()), documents(chunks(http, body("earth ice lava", MAX_K)
                .add("folder_name", "/Geo").build())));
        assertEquals(Set.of(volcano.id(), glacier.id()), Set.copyOf(documents(chunks(http, body("earth ice lava", MAX_K)
                .add("folder_name", "/Geo").add("folder_depth", -1).build()))));
        assertEquals(Set.of(volcano.id(), bread.id()), Set.copyOf(documents(chunks(http, body("earth ice lava", MAX_K)
                .add("folder_name", Json.createArrayBuilder().add("/Geo").add("Food")).build()))));
        assertEquals(List.of(orbit.id()), documents(chunks(http, body("earth ice lava", MAX_K)
                .add("folder_name", "null").build())), "\"null\" selects documents without a folder");
        assertEquals(0, chunks(http, body("earth", MAX_K).add("folder_name", "/Nowhere").build()).size());
    }

    @Test
    void endUserScopeExcludes() {
        assertEquals(List.of(orbit.id()), documents(chunks(http, body("volcanoes lava earth", MAX_K)
                .add("end_user_id", "eve").build())));
        assertEquals(0, chunks(http, body("earth", MAX_K).add("end_user_id", "mallory").build()).size());
    }

    @Test
    void aDeletedDocumentNeverComesBack() {
        DocumentRecord quokka = text(null, null, "quokka.txt", "{}", "The quokka smiles on Rottnest island beaches.");
        JsonArray before = chunks(http, "quokka smiles on Rottnest", 2);
        assertEquals(quokka.id(), before.getJsonObject(0).getString("document_id"));
        HttpFixture.Response deleted = http.delete("/documents/" + quokka.id());
        assertEquals(200, deleted.status(), deleted::text);
        for (String route : List.of("/retrieve/chunks", "/retrieve/chunks/grouped", "/retrieve/docs")) {
            HttpFixture.Response r = http.postJson(route, body("quokka smiles on Rottnest", MAX_K).build());
            assertEquals(200, r.status(), r::text);
            assertFalse(r.text().contains(quokka.id()), route + " returned a deleted document");
        }
        HttpFixture.Response batch = http.postJson("/batch/chunks", "{\"sources\":[{\"document_id\":\"" + quokka.id()
                + "\",\"chunk_number\":0,\"score\":0.5}]}");
        assertEquals(200, batch.status(), batch::text);
        assertEquals(0, batch.array().size());
    }

    @Test
    void groupedAgreesWithChunks() {
        JsonObject request = body("sourdough bread flour water", 5).build();
        JsonArray plain = chunks(http, request);
        HttpFixture.Response r = http.postJson("/retrieve/chunks/grouped", request);
        assertEquals(200, r.status(), r::text);
        JsonObject grouped = r.object();
        JsonArray chunks = grouped.getJsonArray("chunks");
        assertEquals(stripLinks(plain), stripLinks(chunks));
        assertEquals(plain.size(), grouped.getInt("total_results"));
        assertFalse(grouped.getBoolean("has_padding"));
        JsonArray groups = grouped.getJsonArray("groups");
        assertEquals(plain.size(), groups.size(), "without padding every chunk is its own group");
        for (int i = 0; i < groups.size(); i++) {
            JsonObject g = groups.getJsonObject(i);
            assertEquals(RetrievalCalls.withoutLink(chunks.get(i)), RetrievalCalls.withoutLink(g.get("main_chunk")));
            assertEquals(0, g.getJsonArray("padding_chunks").size());
            assertEquals(1, g.getInt("total_chunks"));
        }
    }

    @Test
    void docsAgreeWithChunks() {
        String q = "earth gravity moon lava ice";
        JsonArray plain = chunks(http, q, MAX_K);
        HttpFixture.Response r = http.postJson("/retrieve/docs", body(q, 3).add("use_reranking", JsonValue.NULL).build());
        assertEquals(200, r.status(), r::text);
        JsonArray results = r.array();
        List<String> expected = documents(plain).subList(0, 3);
        List<String> got = new ArrayList<>();
        for (JsonValue v : results) {
            JsonObject d = v.asJsonObject();
            got.add(d.getString("document_id"));
            JsonObject best = plain.stream().map(JsonValue::asJsonObject)
                    .filter(c -> c.getString("document_id").equals(d.getString("document_id"))).findFirst().orElseThrow();
            assertEquals(best.getJsonNumber("score").doubleValue(), d.getJsonNumber("score").doubleValue(), 1e-9,
                    "a document scores as its best chunk");
            JsonObject content = d.getJsonObject("content");
            assertEquals("string", content.getString("type"), "text/plain documents carry the best chunk's text");
            assertEquals(best.getString("content"), content.getString("value"));
            assertNotNull(d.getJsonObject("metadata").getString("topic"));
            assertNotNull(d.getJsonObject("additional_metadata"));
        }
        assertEquals(expected, got);
    }

    @Test
    void docsOfAFileDocumentLinkToTheFile() {
        DocumentRecord md = docs.create(TestingDocuments.DEV, "/Files", null, "notes.pdf", "application/pdf",
                IngestTesting.pdf("Pelicans scoop fish with their throat pouch."), false, "{}");
        assertEquals("completed", md.status(), md::systemMetadataJson);
        HttpFixture.Response r = http.postJson("/retrieve/docs", body("pelicans scoop fish", 1)
                .add("folder_name", "/Files").build());
        assertEquals(200, r.status(), r::text);
        JsonObject content = r.array().getJsonObject(0).getJsonObject("content");
        assertEquals("url", content.getString("type"), r::text);
        assertEquals("notes.pdf", content.getString("filename"));
        HttpFixture.Response file = new HttpFixture(server.url()).get(content.getString("value"));
        assertEquals(200, file.status(), file::text);
        assertTrue(file.text().startsWith("%PDF"));
    }

    @Test
    void paddingAddsNeighboursAndGroupsThem() {
        JsonObject request = body("cobalt procedure", 1).add("folder_name", "/Manual").add("padding", 1).build();
        JsonArray padded = chunks(http, request);
        assertEquals(List.of(manual.id() + "#2", manual.id() + "#1", manual.id() + "#3"), keys(padded));
        assertFalse(padded.getJsonObject(0).getBoolean("is_padding"));
        assertTrue(padded.getJsonObject(1).getBoolean("is_padding"));
        assertTrue(padded.getJsonObject(2).getBoolean("is_padding"));
        HttpFixture.Response r = http.postJson("/retrieve/chunks/grouped", request);
        assertEquals(200, r.status(), r::text);
        JsonObject grouped = r.object();
        assertTrue(grouped.getBoolean("has_padding"));
        assertEquals(3, grouped.getInt("total_results"));
        JsonArray groups = grouped.getJsonArray("groups");
        assertEquals(1, groups.size());
        JsonObject g = groups.getJsonObject(0);
        assertEquals(2, g.getJsonObject("main_chunk").getInt("chunk_number"));
        assertEquals(List.of(manual.id() + "#1", manual.id() + "#3"), keys(g.getJsonArray("padding_chunks")));
        assertEquals(3, g.getInt("total_chunks"));
        // the first chunk has no left neighbour
        assertEquals(List.of(manual.id() + "#0", manual.id() + "#1"),
                keys(chunks(http, body("amber procedure", 1).add("folder_name", "/Manual").add("padding", 1).build())));
    }

    @Test
    void colpaliAndOutputFormatAreAcceptedOnTheTextPath() {
        JsonArray r = chunks(http, body("why do volcanoes erupt", 2).add("use_colpali", true).add("output_format", "url")
                .add("use_reranking", false).add("graph_name", "ignored").add("hop_depth", 2).build());
        assertEquals(volcano.id(), r.getJsonObject(0).getString("document_id"));
        assertEquals(JsonValue.FALSE, r.getJsonObject(0).getJsonObject("metadata").get("is_image"));
        // FULL-era body: query only
        HttpFixture.Response legacy = http.postJson("/retrieve/chunks", "{\"query\":\"volcanoes erupt\"}");
        assertEquals(200, legacy.status(), legacy::text);
        assertEquals(4, legacy.array().size(), "k defaults to 4");
    }

    @Test
    void batchChunksEchoesScoresAndSortsByThem() {
        String body = "{\"sources\":["
                + source(manual.id(), 1, "0.2") + "," + source(manual.id(), 4, "0.9") + ","
                + "{\"document_id\":\"" + volcano.id() + "\",\"chunk_number\":0},"
                + source("no-such-document", 0, "0.99") + "," + source(manual.id(), 99, "0.5")
                + "],\"use_colpali\":true,\"output_format\":\"base64\"}";
        HttpFixture.Response r = http.postJson("/batch/chunks", body);
        assertEquals(200, r.status(), r::text);
        JsonArray results = r.array();
        assertEquals(List.of(manual.id() + "#4", manual.id() + "#1", volcano.id() + "#0"), keys(results));
        assertEquals(0.9, results.getJsonObject(0).getJsonNumber("score").doubleValue(), 1e-9);
        assertEquals(0.0, results.getJsonObject(2).getJsonNumber("score").doubleValue(), 1e-9, "no score: 0.0");
        assertTrue(results.getJsonObject(0).getString("content").contains("ember"));
        assertEquals(JsonValue.FALSE, results.getJsonObject(0).getJsonObject("metadata").get("is_image"));
        // folder narrowing drops what lies elsewhere; a bare list of sources is accepted too
        HttpFixture.Response scoped = http.postJson("/batch/chunks", "{\"folder_name\":\"/Geo\",\"sources\":["
                + source(manual.id(), 1, "0.2") + "," + source(volcano.id(), 0, "0.1") + "]}");
        assertEquals(List.of(volcano.id() + "#0"), keys(scoped.array()));
        HttpFixture.Response bare = http.postJson("/batch/chunks", "[" + source(volcano.id(), 0, "0.3") + "]");
        assertEquals(200, bare.status(), bare::text);
        assertEquals(List.of(volcano.id() + "#0"), keys(bare.array()));
        assertEquals(0, http.postJson("/batch/chunks", "{\"sources\":[]}").array().size());
    }

    private static String source(String doc, int chunk, String score) {
        return "{\"document_id\":\"" + doc + "\",\"chunk_number\":" + chunk + ",\"score\":" + score + "}";
    }

    @Test
    void badInputsAreClientErrors() {
        assertStatus(422, "/retrieve/chunks", "{\"query\":\"x\",\"k\":0}", "greater_than");
        assertStatus(422, "/retrieve/chunks", "{\"query\":\"x\",\"k\":-3}", "greater_than");
        assertStatus(422, "/retrieve/chunks", "{\"query\":\"x\",\"k\":\"many\"}", "int_parsing");
        assertStatus(400, "/retrieve/chunks", "{\"query\":\"x\",\"k\":" + (MAX_K + 1) + "}", "at most " + MAX_K);
        assertStatus(400, "/retrieve/docs", "{\"query\":\"x\",\"k\":100000}", "at most " + MAX_K);
        assertStatus(422, "/retrieve/chunks", "{\"k\":4}", "exactly one of");
        assertStatus(422, "/retrieve/chunks", "{\"query\":\"\"}", "string_too_short");
        assertStatus(422, "/retrieve/chunks", "{\"query\":\"x\",\"query_image\":\"aGVsbG8=\"}", "exactly one of");
        assertStatus(400, "/retrieve/chunks", "{\"query_image\":\"aGVsbG8=\"}", "multi-vector");
        assertStatus(400, "/retrieve/chunks/grouped", "{\"query_image\":\"not base64!\"}", "Invalid query_image");
        assertStatus(400, "/retrieve/docs", "{\"query_image\":\"aGVsbG8=\"}", "multi-vector");
        assertStatus(400, "/retrieve/chunks", "{\"query\":\"x\",\"filters\":{\"a\":{\"$foo\":1}}}",
                "Unsupported metadata filter operator '$foo'");
        assertStatus(400, "/retrieve/chunks/grouped", "{\"query\":\"x\",\"filters\":{\"a\":{\"$in\":5}}}", "$in");
        assertStatus(422, "/retrieve/chunks", "{\"query\":\"x\",\"filters\":5}", "dict_type");
        assertStatus(422, "/retrieve/chunks", "{\"query\":\"x\",\"padding\":-1}", "greater_than_equal");
        assertStatus(400, "/retrieve/chunks/grouped", "{\"query\":\"x\",\"padding\":2147483647}", "at most 50");
        assertStatus(422, "/retrieve/chunks", "{\"query\":\"x\",\"output_format\":\"jpeg\"}", "enum");
        assertStatus(422, "/retrieve/chunks", "{\"query\":\"x\",\"use_reranking\":\"perhaps\"}", "bool_parsing");
        assertStatus(422, "/retrieve/chunks", "{\"query\":\"x\",\"min_score\":\"high\"}", "float_parsing");
        assertStatus(422, "/retrieve/chunks", "{\"query\":\"x\",\"folder_name\":7}", "string_type");
        assertStatus(400, "/retrieve/chunks", "{\"query\":\"x\",\"folder_depth\":-2}", "folder_depth");
        assertStatus(400, "/retrieve/chunks", "{\"query\":\"x\",\"folder_name\":\"/\"}", "root");
        assertStatus(422, "/retrieve/chunks", "[\"x\"]", "model_attributes_type");
        assertStatus(422, "/retrieve/docs", "{\"query\":", "json_invalid");
        assertStatus(422, "/batch/chunks", "{}", "missing");
        assertStatus(422, "/batch/chunks", "{\"sources\":[{\"document_id\":\"d\"}]}", "missing");
        assertStatus(422, "/batch/chunks", "{\"sources\":[{\"document_id\":\"d\",\"chunk_number\":\"x\"}]}",
                "int_parsing");
        assertStatus(422, "/batch/chunks", "{\"sources\":\"d\"}", "list_type");
        assertStatus(422, "/batch/chunks", "{\"sources\":[],\"output_format\":\"gif\"}", "enum");
    }

    private static void assertStatus(int status, String route, String body, String detailContains) {
        HttpFixture.Response r = http.postJson(route, body);
        assertEquals(status, r.status(), () -> route + " " + body + " -> " + r.text());
        assertTrue(r.text().contains(detailContains), () -> route + " " + body + " -> " + r.text());
    }

    @Test
    void healthShowsTheIndexAndTheReranker() {
        JsonObject health = http.get("/health").object();
        JsonObject index = service(health, "vector_index");
        assertEquals("healthy", index.getString("status"));
        JsonObject details = index.getJsonObject("details");
        assertTrue(details.getInt("size") >= 4 + 6, details::toString);
        assertEquals(512, details.getInt("dimensions"));
        assertEquals("database", details.getString("loaded_from"), "a fresh data directory has no snapshot");
        assertNotNull(details.getJsonObject("snapshot").getString("state"));
        JsonObject reranker = service(health, "reranker");
        assertEquals("none", reranker.getJsonObject("details").getString("provider"));
    }

    static JsonObject service(JsonObject health, String name) {
        return health.getJsonArray("services").stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + health));
    }

    private static List<JsonObject> stripLinks(JsonArray results) {
        return results.stream().map(RetrievalCalls::withoutLink).toList();
    }
}
