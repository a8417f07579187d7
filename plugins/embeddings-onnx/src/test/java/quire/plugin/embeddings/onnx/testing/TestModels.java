package quire.plugin.embeddings.onnx.testing;

import java.nio.file.Path;

/** Where the build unpacked the real models (surefire sets {@code quire.test.models-dir}). */
public final class TestModels {
    private TestModels() {
    }

    /** @return the models directory, {@code target/models} when run outside surefire */
    public static Path directory() {
        String dir = System.getProperty("quire.test.models-dir");
        return Path.of(dir != null ? dir : "target/models").toAbsolutePath();
    }
}
