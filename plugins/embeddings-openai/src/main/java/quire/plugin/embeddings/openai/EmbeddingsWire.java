package quire.plugin.embeddings.openai;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.ServiceLoader;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.spi.JsonProvider;

/**
 * The OpenAI embeddings wire format: the request body, and the response
 * {@code {"data":[{"embedding":[...],"index":0}, ...]}} turned into vectors in input order
 * (servers may answer out of order). Embeddings sent as base64 little-endian float32 are read too.
 */
final class EmbeddingsWire {
    private final JsonProvider json = provider();

    /** Thrown for a response that is not the expected shape; never carries the body. */
    static final class MalformedResponse extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedResponse(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Finds Parsson in the plugin's own module layer: the API's {@code JsonProvider.provider()}
     * searches the thread context class loader, which does not see a plugin layer.
     */
    private static JsonProvider provider() {
        ModuleLayer layer = EmbeddingsWire.class.getModule().getLayer();
        if (layer != null) {
            var found = ServiceLoader.load(layer, JsonProvider.class).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
        }
        return JsonProvider.provider();
    }

    String request(String model, List<String> inputs, Integer dimensions) {
        JsonArrayBuilder input = json.createArrayBuilder();
        inputs.forEach(input::add);
        JsonObjectBuilder body = json.createObjectBuilder().add("model", model).add("input", input);
        if (dimensions != null) {
            body.add("dimensions", dimensions);
        }
        StringWriter out = new StringWriter();
        try (JsonWriter writer = json.createWriter(out)) {
            writer.writeObject(body.build());
        }
        return out.toString();
    }

    float[][] vectors(String body, int expected) throws MalformedResponse {
        JsonObject root;
        try (var reader = json.createReader(new StringReader(body))) {
            root = reader.readObject();
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            throw new MalformedResponse("the response is not a JSON object");
        }
        JsonValue data = root.get("data");
        if (!(data instanceof JsonArray items)) {
            throw new MalformedResponse("the response has no 'data' array");
        }
        if (items.size() != expected) {
            throw new MalformedResponse("the response has " + items.size() + " embeddings for " + expected + " inputs");
        }
        float[][] vectors = new float[expected][];
        for (int position = 0; position < items.size(); position++) {
            if (!(items.get(position) instanceof JsonObject item)) {
                throw new MalformedResponse("data[" + position + "] is not an object");
            }
            int index = position;
            JsonValue indexValue = item.get("index");
            if (indexValue instanceof JsonNumber number) {
                if (!number.isIntegral() || number.intValue() < 0 || number.intValue() >= expected) {
                    throw new MalformedResponse("data[" + position + "].index is out of range");
                }
                index = number.intValue();
            } else if (indexValue != null && indexValue != JsonValue.NULL) {
                throw new MalformedResponse("data[" + position + "].index is not a number");
            }
            if (vectors[index] != null) {
                throw new MalformedResponse("index " + index + " appears twice in the response");
            }
            vectors[index] = vector(item.get("embedding"), position);
        }
        return vectors;
    }

    private static float[] vector(JsonValue value, int position) throws MalformedResponse {
        if (value instanceof JsonArray array) {
            float[] v = new float[array.size()];
            for (int i = 0; i < v.length; i++) {
                if (!(array.get(i) instanceof JsonNumber n)) {
                    throw new MalformedResponse("data[" + position + "].embedding holds a non-number");
                }
                v[i] = (float) n.doubleValue();
                if (!Float.isFinite(v[i])) {
                    throw new MalformedResponse("data[" + position + "].embedding holds a non-finite number");
                }
            }
            return v;
        }
        if (value instanceof JsonString s) {
            try {
                ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(s.getString())).order(ByteOrder.LITTLE_ENDIAN);
                if (bytes.remaining() % Float.BYTES != 0) {
                    throw new MalformedResponse("data[" + position + "].embedding is not whole float32 values");
                }
                float[] v = new float[bytes.remaining() / Float.BYTES];
                bytes.asFloatBuffer().get(v);
                return v;
            } catch (IllegalArgumentException e) {
                throw new MalformedResponse("data[" + position + "].embedding is neither an array nor base64");
            }
        }
        throw new MalformedResponse("data[" + position + "] has no 'embedding'");
    }

    /**
     * @return the server's own error text from a JSON error body ({@code error.message},
     *         {@code error}, {@code message} or {@code detail}), or null
     */
    String errorMessage(String body) {
        try (var reader = json.createReader(new StringReader(body))) {
            JsonObject root = reader.readObject();
            JsonValue error = root.get("error");
            if (error instanceof JsonObject e && e.get("message") instanceof JsonString m) {
                return m.getString();
            }
            for (String key : new String[] {"error", "message", "detail"}) {
                if (root.get(key) instanceof JsonString s) {
                    return s.getString();
                }
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
