package quire.api.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

import quire.retrieval.ChunkHit;

/**
 * Morphik's completion stream (spec §4.3): {@code data:} lines only, each followed by a blank
 * line, {@code {"type": "assistant", "content": ...}} per piece and one
 * {@code {"type": "done", "sources": [...]}} at the end; no {@code event:} or {@code id:} fields,
 * no {@code [DONE]}. Every frame is flushed as it is written. The response starts with the first
 * frame, so a failure before it (the model is down) can still be answered with an error status.
 */
final class SseWriter implements AutoCloseable {
    private final ServerResponse res;
    private OutputStream out;

    SseWriter(ServerResponse res) {
        this.res = res;
    }

    /** @return true once the first frame went out: the status can no longer change */
    boolean started() {
        return out != null;
    }

    /** Writes one {@code assistant} frame; an empty piece writes nothing. */
    void assistant(String delta) {
        if (!delta.isEmpty()) {
            frame("{\"type\": \"assistant\", \"content\": " + PythonJson.string(delta) + "}");
        }
    }

    /** Writes the {@code done} frame with the sources given to the model. */
    void done(List<ChunkHit> sources) {
        StringBuilder sb = new StringBuilder("{\"type\": \"done\", \"sources\": [");
        for (int i = 0; i < sources.size(); i++) {
            ChunkHit h = sources.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append("{\"document_id\": ").append(PythonJson.string(h.document().id()))
                    .append(", \"chunk_number\": ").append(h.chunk().chunkNumber())
                    .append(", \"score\": ").append(PythonJson.number(h.score())).append('}');
        }
        frame(sb.append("]}").toString());
    }

    /** @throws UncheckedIOException when the client is gone (the stream is then abandoned) */
    private void frame(String json) {
        try {
            if (out == null) {
                res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
                res.header(HeaderNames.CACHE_CONTROL, "no-cache");
                // no Connection header: HTTP/1.1 connections persist anyway and Helidon manages closing them
                // tells nginx-style proxies not to buffer the stream
                res.header("X-Accel-Buffering", "no");
                out = res.outputStream();
            }
            out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the stream (an unfinished one simply stops: there is no error frame). */
    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException | UncheckedIOException e) {
                // the client left; nothing to tell it
            }
        }
    }
}
