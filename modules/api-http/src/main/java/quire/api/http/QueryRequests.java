package quire.api.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.helidon.webserver.http.ServerRequest;

import quire.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Reads the body of {@code POST /query} (spec §1.6): a RetrieveRequest (read by
 * {@link RetrieveRequests}) plus the completion fields, all errors in one 422 as FastAPI does.
 * {@code graph_name}, {@code hop_depth} and {@code include_paths} (removed at HEAD) are ignored
 * like every other unknown key; {@code prompt_overrides} alone forbids unknown keys, as
 * Morphik's override models do.
 */
final class QueryRequests {
    private static final System.Logger LOG = System.getLogger(QueryRequests.class.getName());

    /** The keys of Morphik's QueryPromptOverrides. */
    private static final Set<String> OVERRIDE_KEYS = Set.of("query", "entity_extraction", "entity_resolution");
    /** The keys of its {@code query} override. */
    private static final Set<String> QUERY_OVERRIDE_KEYS = Set.of("prompt_template", "system_prompt");
    /** The keys of the graph overrides (accepted; there is no graph mode). */
    private static final Set<String> GRAPH_OVERRIDE_KEYS = Set.of("prompt_template", "examples");
    /** {@code llm_config} keys that name another endpoint or credential: never used, never logged. */
    private static final Set<String> ENDPOINT_KEYS = Set.of("api_key", "api_base", "base_url", "api_version");

    private QueryRequests() {
    }

    /**
     * A CompletionQueryRequest.
     *
     * @param retrieve        the retrieval part
     * @param maxTokens       null for the provider's default
     * @param temperature     null for the provider's default
     * @param systemPrompt    {@code prompt_overrides.query.system_prompt}, or null
     * @param promptTemplate  {@code prompt_overrides.query.prompt_template} (or a top-level
     *                        {@code prompt_template} older clients send), or null
     * @param jsonSchema      the {@code schema} as JSON text when it has {@code properties}, else null
     * @param chatId          the conversation, or null
     * @param stream          {@code stream_response}
     * @param model           {@code llm_config.model}, or null
     * @param inlineCitations {@code inline_citations}
     */
    record Query(RetrieveRequests.Retrieve retrieve, Integer maxTokens, Double temperature, String systemPrompt,
                 String promptTemplate, String jsonSchema, String chatId, boolean stream, String model,
                 boolean inlineCitations) {
    }

    static Query query(ServerRequest req) {
        JsonFields body = JsonBody.object(req);
        List<ValidationError> errors = new ArrayList<>();
        RetrieveRequests.Retrieve retrieve = RetrieveRequests.retrieve(body, errors);
        Long maxTokens = body.optionalLong("max_tokens");
        if (maxTokens != null && maxTokens < 1) {
            errors.add(new ValidationError(List.of("body", "max_tokens"), "Input should be greater than 0",
                    "greater_than", body.json().get("max_tokens"), Json.createObjectBuilder().add("gt", 0).build()));
        }
        Double temperature = body.optionalNumber("temperature");
        if (temperature != null && (temperature.isNaN() || temperature.isInfinite())) {
            errors.add(new ValidationError(List.of("body", "temperature"), "Input should be a finite number",
                    "finite_number", body.json().get("temperature"), null));
        }
        JsonObject overrides = body.optionalObject("prompt_overrides");
        String[] queryOverride = overrides == null ? new String[2] : promptOverrides(overrides, errors);
        String topTemplate = body.optionalString("prompt_template");
        JsonObject schema = body.optionalObject("schema");
        String chatId = body.optionalString("chat_id");
        Boolean stream = body.bool("stream_response", false);
        JsonObject llmConfig = body.optionalObject("llm_config");
        String model = llmConfig == null ? null : llmModel(llmConfig, errors);
        Boolean citations = body.bool("inline_citations", false);
        RetrieveRequests.validate(body, errors);

        String template = queryOverride[0] != null ? queryOverride[0] : topTemplate;
        if (template != null) {
            checkTemplate(template);
        }
        Integer maxTokensInt = maxTokens == null ? null : (int) Math.min(maxTokens, Integer.MAX_VALUE);
        if (llmConfig != null) {
            // LiteLLM kwargs: the request's own fields win over the same keys in llm_config
            if (maxTokensInt == null && llmConfig.get("max_tokens") instanceof jakarta.json.JsonNumber n
                    && n.isIntegral() && n.longValue() >= 1) {
                maxTokensInt = (int) Math.min(n.longValue(), Integer.MAX_VALUE);
            }
            if (temperature == null && llmConfig.get("temperature") instanceof jakarta.json.JsonNumber n) {
                temperature = n.doubleValue();
            }
        }
        return new Query(retrieve, maxTokensInt, temperature, queryOverride[1], template, schemaText(schema),
                chatId == null || chatId.isEmpty() ? null : chatId, stream, model, citations);
    }

    /**
     * Morphik's QueryPromptOverrides: {@code {query?, entity_extraction?, entity_resolution?}},
     * unknown keys forbidden at every level.
     *
     * @return {@code [prompt_template, system_prompt]} of the query override (either may be null)
     */
    private static String[] promptOverrides(JsonObject overrides, List<ValidationError> errors) {
        String[] out = new String[2];
        List<Object> at = List.of("body", "prompt_overrides");
        forbidExtra(overrides, OVERRIDE_KEYS, at, errors);
        for (Map.Entry<String, JsonValue> e : overrides.entrySet()) {
            if (!OVERRIDE_KEYS.contains(e.getKey()) || e.getValue() == JsonValue.NULL) {
                continue;
            }
            List<Object> where = append(at, e.getKey());
            if (e.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
                errors.add(new ValidationError(where, "Input should be a valid dictionary or instance of "
                        + "PromptOverride", "model_type", e.getValue(), null));
                continue;
            }
            JsonObject o = e.getValue().asJsonObject();
            if (e.getKey().equals("query")) {
                forbidExtra(o, QUERY_OVERRIDE_KEYS, where, errors);
                out[0] = optionalText(o, "prompt_template", where, errors);
                out[1] = optionalText(o, "system_prompt", where, errors);
            } else {
                // graph prompts: there is no graph mode, but their shape is still checked
                forbidExtra(o, GRAPH_OVERRIDE_KEYS, where, errors);
                optionalText(o, "prompt_template", where, errors);
            }
        }
        return out;
    }

    private static void forbidExtra(JsonObject o, Set<String> allowed, List<Object> at, List<ValidationError> errors) {
        for (Map.Entry<String, JsonValue> e : o.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                errors.add(new ValidationError(append(at, e.getKey()), "Extra inputs are not permitted",
                        "extra_forbidden", e.getValue(), null));
            }
        }
    }

    private static String optionalText(JsonObject o, String key, List<Object> at, List<ValidationError> errors) {
        JsonValue v = o.get(key);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        errors.add(new ValidationError(append(at, key), "Input should be a valid string", "string_type", v, null));
        return null;
    }

    /** A template that cannot place the question and the context is refused, as Morphik does. */
    private static void checkTemplate(String template) {
        List<String> missing = new ArrayList<>();
        for (String placeholder : List.of("{question}", "{context}")) {
            if (!template.contains(placeholder)) {
                missing.add(placeholder);
            }
        }
        if (!missing.isEmpty()) {
            throw new ApiException(422, "Invalid prompt override: the query prompt_template must contain the "
                    + "{question} and {context} placeholders; missing " + String.join(" and ", missing));
        }
    }

    /** {@code llm_config.model}; other keys are LiteLLM settings of Morphik's and are not used here. */
    private static String llmModel(JsonObject config, List<ValidationError> errors) {
        List<String> endpointKeys = config.keySet().stream().filter(ENDPOINT_KEYS::contains).sorted().toList();
        if (!endpointKeys.isEmpty()) {
            // names only: the values may be credentials
            LOG.log(System.Logger.Level.DEBUG, () -> "llm_config " + endpointKeys + " ignored: /query uses the "
                    + "configured completion provider's endpoint and key");
        }
        JsonValue model = config.get("model");
        if (model == null || model == JsonValue.NULL) {
            return null;
        }
        if (model instanceof JsonString s && !s.getString().isBlank()) {
            return s.getString().strip();
        }
        errors.add(new ValidationError(List.of("body", "llm_config", "model"), "Input should be a non-empty string",
                "string_type", model, null));
        return null;
    }

    /** A schema with {@code properties} turns on structured output; any other object means plain text (spec §4.3). */
    private static String schemaText(JsonObject schema) {
        if (schema == null || !(schema.get("properties") instanceof JsonObject)) {
            return null;
        }
        return schema.toString();
    }

    private static List<Object> append(List<Object> at, Object key) {
        List<Object> out = new ArrayList<>(at);
        out.add(key);
        return out;
    }
}
