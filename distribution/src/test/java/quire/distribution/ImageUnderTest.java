package quire.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The image that {@code package} assembled (paths come from failsafe system properties) and process helpers. */
final class ImageUnderTest {
    private static final Pattern LAUNCHER_JDK_MODULES = Pattern.compile("--add-modules \"([^\"]+),ALL-MODULE-PATH\"");

    private ImageUnderTest() {
    }

    static Path home() {
        return Path.of(property("quire.image.dir"));
    }

    static Path tarball() {
        return Path.of(property("quire.image.tarball"));
    }

    static String version() {
        return property("quire.image.version");
    }

    /** Where the test classes are: {@link ImageModuleCheck} runs from there inside the image's JVM. */
    static Path testClasses() {
        return Path.of(property("quire.test.classes"));
    }

    static Path java() {
        return home().resolve("runtime/bin/java");
    }

    static Path launcher() {
        return home().resolve("bin/quire");
    }

    /** The JDK modules the launcher resolves at boot, read from bin/quire itself so the tests use what ships. */
    static String launcherJdkModules() throws IOException {
        Matcher m = LAUNCHER_JDK_MODULES.matcher(Files.readString(launcher()));
        if (!m.find()) {
            throw new AssertionError("bin/quire has no --add-modules \"...,ALL-MODULE-PATH\" line");
        }
        return m.group(1);
    }

    static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    static List<Path> pluginDirectories() throws IOException {
        try (Stream<Path> dirs = Files.list(home().resolve("plugins"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set: run the image tests through failsafe");
        }
        return value;
    }

    /** A finished process: exit status and everything it printed (stdout and stderr together). */
    record Result(int exitCode, String output) {
    }

    /** Runs a command to completion; kills it and fails when it outlives the timeout. */
    static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path log = Files.createTempFile("quire-image-test", ".log");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not finish within " + timeout + ":\n" + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Bytes under a directory, as du would count them (apparent size). */
    static long size(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
    }
}
