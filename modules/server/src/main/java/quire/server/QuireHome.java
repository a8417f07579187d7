package quire.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The installation directory: {@code QUIRE_HOME}, else the system property {@code quire.home},
 * else the working directory. It holds {@code config/application.yaml} and {@code plugins/}.
 */
record QuireHome(Path root) {

    static QuireHome find(Map<String, String> environment) {
        String env = environment.get("QUIRE_HOME");
        String dir = env != null && !env.isBlank() ? env : System.getProperty("quire.home");
        return new QuireHome(Path.of(dir != null && !dir.isBlank() ? dir : "").toAbsolutePath().normalize());
    }

    /** @return {@code config/application.yaml} when it exists, else null */
    Path defaultConfigFile() {
        Path file = root.resolve("config").resolve("application.yaml");
        return Files.isRegularFile(file) ? file : null;
    }

    /** @return {@code plugins/} when it exists, else null */
    Path pluginsDirectory() {
        Path dir = root.resolve("plugins");
        return Files.isDirectory(dir) ? dir : null;
    }

    /** @return {@code config/logging.properties} when it exists, else null */
    Path loggingConfigFile() {
        Path file = root.resolve("config").resolve("logging.properties");
        return Files.isRegularFile(file) ? file : null;
    }
}
