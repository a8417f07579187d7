package quire.apitests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * What the Python SDK's pydantic models (morphik 1.2.6, {@code morphik/models.py}) demand of a
 * response: required fields present with the right JSON type, optional fields absent, null or of
 * the right type, and fields declared with a default (not {@code Optional}) never null, because
 * pydantic rejects {@code None} for {@code Dict[...] = Field(default_factory=dict)}. Types follow
 * pydantic v2's lax mode: {@code str} takes only JSON strings (numbers are not coerced),
 * {@code int} takes integral numbers, {@code float} any number, {@code bool} only true/false.
 * Each method fails with the path of the offending field so a mismatch reads like pydantic's
 * ValidationError.
 */
final class SdkShapes {

    private SdkShapes() {
    }

    // ---------------------------------------------------------------- models

    /** {@code Document}: external_id and content_type required; every dict/list field non-null. */
    static JsonObject document(JsonValue v, String where) {
        JsonObject o = object(v, where);
        str(o, "external_id", where);
        str(o, "content_type", where);
        optStr(o, "filename", where);
        dict(o, "metadata", where);
        strMap(o, "metadata_types", where);
        strMap(o, "storage_info", where);
        dict(o, "system_metadata", where);
        dict(o, "additional_metadata", where);
        strList(o, "chunk_ids", where);
        optStr(o, "summary_storage_key", where);
        optInt(o, "summary_version", where);
        optStr(o, "summary_bucket", where);
        optStr(o, "summary_updated_at", where);
        optInt(o, "page_count", where);
        optStr(o, "folder_name", where);
        optStr(o, "folder_path", where);
        optStr(o, "end_user_id", where);
        optStr(o, "app_id", where);
        // 0.2.x models also declare storage_files: List[StorageFileInfo] (bucket, key required)
        if (present(o, "storage_files")) {
            JsonArray files = array(o.get("storage_files"), where + ".storage_files");
            for (int i = 0; i < files.size(); i++) {
                String w = where + ".storage_files[" + i + "]";
                JsonObject f = object(files.get(i), w);
                str(f, "bucket", w);
                str(f, "key", w);
                optInt(f, "version", w);
                optStr(f, "filename", w);
                optStr(f, "content_type", w);
            }
        }
        return o;
    }

    /** A JSON array whose every element passes {@code element} (checked with its index in {@code where}). */
    private static JsonArray arrayOf(JsonValue v, String where, java.util.function.BiFunction<JsonValue, String, ?> element) {
        JsonArray a = array(v, where);
        for (int i = 0; i < a.size(); i++) {
            element.apply(a.get(i), where + "[" + i + "]");
        }
        return a;
    }

    /** A JSON array of {@code Document}. */
    static JsonArray documents(JsonValue v, String where) {
        return arrayOf(v, where, SdkShapes::document);
    }

    /** {@code ChunkResult} / {@code FinalChunkResult}. */
    static JsonObject chunkResult(JsonValue v, String where) {
        JsonObject o = object(v, where);
        str(o, "content", where);
        number(o, "score", where);
        str(o, "document_id", where);
        integer(o, "chunk_number", where);
        dict(o, "metadata", where);
        str(o, "content_type", where);
        optStr(o, "filename", where);
        optStr(o, "download_url", where);
        return o;
    }

    static JsonArray chunkResults(JsonValue v, String where) {
        return arrayOf(v, where, SdkShapes::chunkResult);
    }

    /** {@code DocumentResult} with its {@code DocumentContent} validator (url needs a filename). */
    static JsonObject documentResult(JsonValue v, String where) {
        JsonObject o = object(v, where);
        number(o, "score", where);
        str(o, "document_id", where);
        dict(o, "metadata", where);
        String w = where + ".content";
        JsonObject content = object(required(o, "content", where), w);
        String type = str(content, "type", w);
        assertTrue(Set.of("url", "string").contains(type), w + ".type must be 'url' or 'string': " + type);
        str(content, "value", w);
        optStr(content, "filename", w);
        if (type.equals("url")) {
            assertTrue(present(content, "filename"), w + ".filename is required when type is url: " + content);
        }
        return o;
    }

    /** {@code CompletionResponse}: usage (Dict[str, int]) required. */
    static JsonObject completion(JsonValue v, String where) {
        JsonObject o = object(v, where);
        JsonValue completion = o.get("completion");
        if (completion != null && completion.getValueType() != JsonValue.ValueType.NULL
                && completion.getValueType() != JsonValue.ValueType.STRING
                && completion.getValueType() != JsonValue.ValueType.OBJECT) {
            fail(where + ".completion must be a string, an object or null: " + completion);
        }
        JsonObject usage = object(required(o, "usage", where), where + ".usage");
        usage.forEach((k, n) -> integral(n, where + ".usage." + k));
        if (present(o, "sources")) {
            JsonArray sources = array(o.get("sources"), where + ".sources");
            for (int i = 0; i < sources.size(); i++) {
                String w = where + ".sources[" + i + "]";
                JsonObject s = object(sources.get(i), w);
                str(s, "document_id", w);
                integer(s, "chunk_number", w);
                optNumber(s, "score", w);
            }
        } else {
            assertTrue(!o.containsKey("sources"), where + ".sources must not be null");
        }
        optDict(o, "metadata", where);
        optStr(o, "finish_reason", where);
        return o;
    }

    /** {@code ListDocsResponse}: skip, limit, returned_count required. */
    static JsonObject listDocs(JsonValue v, String where) {
        JsonObject o = object(v, where);
        if (o.containsKey("documents")) {
            documents(o.get("documents"), where + ".documents");
        }
        integer(o, "skip", where);
        integer(o, "limit", where);
        integer(o, "returned_count", where);
        optInt(o, "total_count", where);
        bool(o, "has_more", where, false);
        optInt(o, "next_skip", where);
        optIntMap(o, "status_counts", where);
        if (present(o, "folder_counts")) {
            JsonArray counts = array(o.get("folder_counts"), where + ".folder_counts");
            for (int i = 0; i < counts.size(); i++) {
                String w = where + ".folder_counts[" + i + "]";
                JsonObject c = object(counts.get(i), w);
                optStr(c, "folder", w);
                integer(c, "count", w);
            }
        }
        return o;
    }

    /** {@code FolderInfo}: id and name required. */
    static JsonObject folderInfo(JsonValue v, String where) {
        JsonObject o = object(v, where);
        str(o, "id", where);
        str(o, "name", where);
        optStr(o, "full_path", where);
        optStr(o, "parent_id", where);
        optInt(o, "depth", where);
        optInt(o, "child_count", where);
        optStr(o, "description", where);
        if (present(o, "document_ids")) {
            strList(o, "document_ids", where);
        }
        dict(o, "system_metadata", where);
        if (o.containsKey("rules")) {
            JsonArray rules = array(o.get("rules"), where + ".rules");
            for (int i = 0; i < rules.size(); i++) {
                object(rules.get(i), where + ".rules[" + i + "]");
            }
        }
        optStr(o, "app_id", where);
        optStr(o, "end_user_id", where);
        optStr(o, "summary_storage_key", where);
        optInt(o, "summary_version", where);
        optStr(o, "summary_bucket", where);
        optStr(o, "summary_updated_at", where);
        return o;
    }

    static JsonArray folderInfos(JsonValue v, String where) {
        return arrayOf(v, where, SdkShapes::folderInfo);
    }

    /** {@code FolderSummary}: id, name required; doc_count an int with a default (never null). */
    static JsonObject folderSummary(JsonValue v, String where) {
        JsonObject o = object(v, where);
        str(o, "id", where);
        str(o, "name", where);
        optStr(o, "full_path", where);
        optStr(o, "parent_id", where);
        optInt(o, "depth", where);
        optStr(o, "description", where);
        if (o.containsKey("doc_count")) {
            integer(o, "doc_count", where);
        }
        optStr(o, "updated_at", where);
        return o;
    }

    /** {@code FolderDetailsResponse}: folders[] of {folder: FolderInfo, document_info?}. */
    static JsonObject folderDetails(JsonValue v, String where) {
        JsonObject o = object(v, where);
        JsonArray folders = array(required(o, "folders", where), where + ".folders");
        for (int i = 0; i < folders.size(); i++) {
            String w = where + ".folders[" + i + "]";
            JsonObject entry = object(folders.get(i), w);
            folderInfo(required(entry, "folder", w), w + ".folder");
            if (present(entry, "document_info")) {
                String d = w + ".document_info";
                JsonObject info = object(entry.get("document_info"), d);
                optInt(info, "total_count", d);
                optIntMap(info, "status_counts", d);
                if (present(info, "documents")) {
                    documents(info.get("documents"), d + ".documents");
                }
            }
        }
        return o;
    }

    /** {@code GroupedChunkResponse}: all four keys required. */
    static JsonObject groupedChunks(JsonValue v, String where) {
        JsonObject o = object(v, where);
        chunkResults(required(o, "chunks", where), where + ".chunks");
        JsonArray groups = array(required(o, "groups", where), where + ".groups");
        for (int i = 0; i < groups.size(); i++) {
            String w = where + ".groups[" + i + "]";
            JsonObject g = object(groups.get(i), w);
            chunkResult(required(g, "main_chunk", w), w + ".main_chunk");
            if (g.containsKey("padding_chunks")) {
                chunkResults(g.get("padding_chunks"), w + ".padding_chunks");
            }
            integer(g, "total_chunks", w);
        }
        integer(o, "total_results", where);
        bool(o, "has_padding", where, true);
        return o;
    }

    /** {@code AppStorageUsageResponse}: all six keys required. */
    static JsonObject appStorageUsage(JsonValue v, String where) {
        JsonObject o = object(v, where);
        str(o, "app_id", where);
        for (String k : new String[] {"doc_raw_bytes_mb", "chunk_raw_bytes_mb", "multivector_mb", "total_mb"}) {
            number(o, k, where);
        }
        integer(o, "document_count", where);
        return o;
    }

    /** {@code LogResponse} (§2.9): timestamp kept as a string. */
    static JsonObject logEntry(JsonValue v, String where) {
        JsonObject o = object(v, where);
        str(o, "timestamp", where);
        str(o, "operation_type", where);
        str(o, "status", where);
        integer(o, "tokens_used", where);
        number(o, "duration_ms", where);
        optStr(o, "user_id", where);
        optStr(o, "app_id", where);
        optDict(o, "metadata", where);
        optStr(o, "error", where);
        return o;
    }

    /**
     * The status dict {@code wait_for_document_completion} reads: {@code status} one of
     * completed/failed/processing, {@code error} on failure, {@code progress.*} while processing.
     */
    static JsonObject documentStatus(JsonValue v, String where) {
        JsonObject o = object(v, where);
        String status = str(o, "status", where);
        assertTrue(Set.of("completed", "failed", "processing").contains(status), where + ".status: " + status);
        str(o, "document_id", where);
        if (present(o, "progress")) {
            String w = where + ".progress";
            JsonObject p = object(o.get("progress"), w);
            for (String k : new String[] {"current_step", "total_steps"}) {
                if (p.containsKey(k)) {
                    integer(p, k, w);
                }
            }
            optStr(p, "step_name", w);
            optNumber(p, "percentage", w);
        }
        if (status.equals("failed")) {
            optStr(o, "error", where);
        }
        return o;
    }

    /** A {@code Dict[str, str]} such as the status/message answers of delete and folder routes. */
    static JsonObject statusMessage(JsonValue v, String where) {
        JsonObject o = object(v, where);
        assertEquals("success", str(o, "status", where), where);
        str(o, "message", where);
        return o;
    }

    /** An error body: {@code {"detail": "..."}} (or FastAPI's 422 list). */
    static void errorBody(HttpFixture.Response r, String where) {
        assertTrue(r.status() >= 400 && r.status() < 600, where + ": not an error status " + r.status());
        String type = r.headers().firstValue("content-type").orElse("");
        assertTrue(type.startsWith("application/json"), where + ": error Content-Type " + type + ": " + r.text());
        JsonObject o = object(r.json(), where);
        assertTrue(o.containsKey("detail"), where + ": error without detail: " + o);
        JsonValue d = o.get("detail");
        if (r.status() == 422 && d.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue e : d.asJsonArray()) {
                JsonObject item = object(e, where + ".detail[]");
                array(required(item, "loc", where + ".detail[]"), where + ".detail[].loc");
                str(item, "msg", where + ".detail[]");
                str(item, "type", where + ".detail[]");
            }
        } else {
            assertEquals(JsonValue.ValueType.STRING, d.getValueType(), where + ": detail is not a string: " + o);
        }
    }

    // ---------------------------------------------------------------- field checks

    static JsonObject object(JsonValue v, String where) {
        assertNotNull(v, where + " is missing");
        assertEquals(JsonValue.ValueType.OBJECT, v.getValueType(), where + " must be an object: " + v);
        return v.asJsonObject();
    }

    static JsonArray array(JsonValue v, String where) {
        assertNotNull(v, where + " is missing");
        assertEquals(JsonValue.ValueType.ARRAY, v.getValueType(), where + " must be a list: " + v);
        return v.asJsonArray();
    }

    static JsonValue required(JsonObject o, String key, String where) {
        JsonValue v = o.get(key);
        assertNotNull(v, where + "." + key + " is required: " + o);
        return v;
    }

    /** @return true when the key is there and not null */
    static boolean present(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v != null && v.getValueType() != JsonValue.ValueType.NULL;
    }

    static String str(JsonObject o, String key, String where) {
        JsonValue v = required(o, key, where);
        assertEquals(JsonValue.ValueType.STRING, v.getValueType(), where + "." + key + " must be a str: " + v);
        return o.getString(key);
    }

    static void optStr(JsonObject o, String key, String where) {
        if (present(o, key)) {
            str(o, key, where);
        }
    }

    static long integer(JsonObject o, String key, String where) {
        return integral(required(o, key, where), where + "." + key);
    }

    static void optInt(JsonObject o, String key, String where) {
        if (present(o, key)) {
            integer(o, key, where);
        }
    }

    static double number(JsonObject o, String key, String where) {
        JsonValue v = required(o, key, where);
        assertEquals(JsonValue.ValueType.NUMBER, v.getValueType(), where + "." + key + " must be a number: " + v);
        return ((JsonNumber) v).doubleValue();
    }

    static void optNumber(JsonObject o, String key, String where) {
        if (present(o, key)) {
            number(o, key, where);
        }
    }

    /**
     * A bool field; {@code required} false means it has a default (absent is fine, null is not).
     */
    static void bool(JsonObject o, String key, String where, boolean required) {
        JsonValue v = o.get(key);
        if (v == null && !required) {
            return;
        }
        assertNotNull(v, where + "." + key + " is required: " + o);
        assertTrue(v == JsonValue.TRUE || v == JsonValue.FALSE
                        || v.getValueType() == JsonValue.ValueType.TRUE || v.getValueType() == JsonValue.ValueType.FALSE,
                where + "." + key + " must be a bool: " + v);
    }

    /** {@code Dict[str, Any] = default_factory}: absent or an object, never null. */
    static void dict(JsonObject o, String key, String where) {
        if (o.containsKey(key)) {
            object(o.get(key), where + "." + key);
        }
    }

    /** {@code Optional[Dict[str, Any]]}. */
    static void optDict(JsonObject o, String key, String where) {
        if (present(o, key)) {
            object(o.get(key), where + "." + key);
        }
    }

    /** {@code Dict[str, str] = default_factory}: values must be strings (pydantic does not coerce). */
    static void strMap(JsonObject o, String key, String where) {
        if (o.containsKey(key)) {
            for (Map.Entry<String, JsonValue> e : object(o.get(key), where + "." + key).entrySet()) {
                assertEquals(JsonValue.ValueType.STRING, e.getValue().getValueType(),
                        where + "." + key + "." + e.getKey() + " must be a str: " + e.getValue());
            }
        }
    }

    /** {@code Optional[Dict[str, int]]}. */
    static void optIntMap(JsonObject o, String key, String where) {
        if (present(o, key)) {
            object(o.get(key), where + "." + key).forEach((k, n) -> integral(n, where + "." + key + "." + k));
        }
    }

    /** {@code List[str] = default_factory}: absent or a list of strings, never null. */
    static void strList(JsonObject o, String key, String where) {
        if (o.containsKey(key)) {
            for (JsonValue item : array(o.get(key), where + "." + key)) {
                assertEquals(JsonValue.ValueType.STRING, item.getValueType(), where + "." + key + "[] must be str: " + item);
            }
        }
    }

    static long integral(JsonValue v, String where) {
        assertEquals(JsonValue.ValueType.NUMBER, v.getValueType(), where + " must be an int: " + v);
        JsonNumber n = (JsonNumber) v;
        assertTrue(n.isIntegral() || n.doubleValue() == Math.rint(n.doubleValue()), where + " must be an int: " + v);
        return n.longValue();
    }
}
