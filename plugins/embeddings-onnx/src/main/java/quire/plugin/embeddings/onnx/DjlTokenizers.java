package quire.plugin.embeddings.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

/**
 * Opens DJL HuggingFace tokenizers the way a server needs them: offline and without telemetry.
 *
 * <p>DJL reads its switches only from system properties and the environment. Without them a new
 * tokenizer "calls home" (EC2 metadata and a telemetry URL), and on a machine with CUDA it tries to
 * download a GPU build of its native library. Offline mode turns both off; the CPU library for
 * linux-x86_64 is in the tokenizers jar and is extracted to DJL's cache directory.
 */
final class DjlTokenizers {
    private static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";
    private static final String DJL_CACHE_DIR = "DJL_CACHE_DIR";
    private static final Pattern BERT_PRE_TOKENIZER = Pattern.compile(
            "\"pre_tokenizer\"\\s*:\\s*\\{\\s*\"type\"\\s*:\\s*\"BertPreTokenizer\"");
    private static final Pattern WORD_PIECE = Pattern.compile(
            "\"model\"\\s*:\\s*\\{\\s*\"type\"\\s*:\\s*\"WordPiece\"");

    private DjlTokenizers() {
    }

    /**
     * Sets DJL's offline and no-telemetry switches, and its native cache directory when the
     * operator chose none.
     *
     * @param nativeCache where to extract the tokenizer's native library when no DJL cache directory is set
     */
    static synchronized void configure(Path nativeCache) {
        goOffline();
        if (isBlank(System.getenv(ENGINE_CACHE_DIR)) && isBlank(System.getProperty(ENGINE_CACHE_DIR))
                && isBlank(System.getenv(DJL_CACHE_DIR)) && isBlank(System.getProperty(DJL_CACHE_DIR))
                && nativeCache != null) {
            System.setProperty(ENGINE_CACHE_DIR, nativeCache.toAbsolutePath().toString());
        }
    }

    /**
     * Opens a tokenizer file.
     *
     * <p>DJL finds its native library and version file through the thread's context class loader;
     * in a plugin layer that loader (the application's) cannot see this plugin's jars, so it is
     * switched to this module's loader while the tokenizer is created.
     */
    static HuggingFaceTokenizer open(Path tokenizerJson, Map<String, String> options) throws IOException {
        goOffline();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(DjlTokenizers.class.getClassLoader());
        try {
            return HuggingFaceTokenizer.newInstance(tokenizerJson, options);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Whether a tokenizer's counts add up across whitespace: a WordPiece model behind BERT's
     * pre-tokenizer splits at whitespace (and punctuation) before it looks for tokens, so no token
     * spans whitespace and whitespace yields none. Read from {@code tokenizer.json}; anything else
     * (byte-level BPE, another pre-tokenizer, a file this cannot read) answers false.
     */
    static boolean countsAddUpAcrossWhitespace(Path tokenizerJson) {
        try {
            String json = Files.readString(tokenizerJson);
            return BERT_PRE_TOKENIZER.matcher(json).find() && WORD_PIECE.matcher(json).find();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Set before every tokenizer is created, so no path into DJL can reach the network. */
    private static void goOffline() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
