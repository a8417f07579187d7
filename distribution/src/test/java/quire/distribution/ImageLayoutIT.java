package quire.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image on disk: its directories, its runtime, its launcher, and jars that are where they belong. */
class ImageLayoutIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void hasEveryDirectoryAndAnExecutableLauncher() {
        Path home = ImageUnderTest.home();
        for (String dir : List.of("bin", "runtime", "lib", "plugins", "models", "config")) {
            assertTrue(Files.isDirectory(home.resolve(dir)), dir + "/ is missing from " + home);
        }
        assertTrue(Files.isExecutable(ImageUnderTest.launcher()), "bin/quire is not executable");
        assertTrue(Files.isExecutable(ImageUnderTest.java()), "runtime/bin/java is not executable");
    }

    @Test
    void runtimeRunsAndHoldsExactlyTheLinkedModules() throws Exception {
        ImageUnderTest.Result result = ImageUnderTest.run(List.of(ImageUnderTest.java().toString(), "--list-modules"), TIMEOUT);
        assertEquals(0, result.exitCode(), result.output());
        Set<String> listed = result.output().lines().map(l -> l.split("@")[0].trim()).filter(l -> !l.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(listed.contains("java.base"), listed.toString());
        // A jlinked runtime, not a whole JDK: no compiler, no jshell.
        assertFalse(listed.contains("jdk.compiler"), "runtime/ holds the whole JDK: " + listed);
        // Everything the launcher resolves at boot is in the runtime.
        for (String module : ImageUnderTest.launcherJdkModules().split(",")) {
            assertTrue(listed.contains(module), "bin/quire resolves " + module + " but runtime/ lacks it: " + listed);
        }
        System.out.println("[image] runtime/ modules: " + String.join(",", listed));
    }

    @Test
    void libHoldsTheServerAndTheSpi() throws IOException {
        Set<String> modules = moduleNames(ImageUnderTest.home().resolve("lib"));
        assertTrue(modules.contains("quire.server"), "lib/ has no quire.server: " + modules);
        assertTrue(modules.contains("quire.spi"), "lib/ has no quire.spi: " + modules);
        assertTrue(modules.contains("quire.kernel"), "lib/ has no quire.kernel: " + modules);
    }

    @Test
    void everyPluginDirectoryHoldsItsPluginAndNothingFromLib() throws IOException {
        Path lib = ImageUnderTest.home().resolve("lib");
        Set<String> libFiles = fileNames(lib);
        Set<String> libModules = moduleNames(lib);
        List<Path> plugins = ImageUnderTest.pluginDirectories();
        assertFalse(plugins.isEmpty(), "plugins/ is empty");
        List<String> problems = new ArrayList<>();
        for (Path dir : plugins) {
            String id = dir.getFileName().toString();
            Set<String> files = fileNames(dir);
            if (files.stream().noneMatch(f -> f.startsWith("quire-plugin-" + id + "-"))) {
                problems.add("plugins/" + id + "/ lacks quire-plugin-" + id + ": " + files);
            }
            for (String file : files) {
                if (libFiles.contains(file)) {
                    problems.add("plugins/" + id + "/" + file + " is also in lib/");
                }
                if (file.startsWith("quire-spi-")) {
                    problems.add("plugins/" + id + "/ carries quire-spi, which only lib/ may hold");
                }
            }
            for (String module : moduleNames(dir)) {
                if (libModules.contains(module)) {
                    problems.add("plugins/" + id + "/ defines module " + module + ", which lib/ already has");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void nativeLibrariesAreForThisPlatformOnly() throws IOException {
        boolean arm = System.getProperty("os.arch").matches("aarch64|arm64");
        // Where each multi-platform jar keeps its natives, and the directories this platform may keep.
        Map<String, List<String>> kept = Map.of(
                "ai/onnxruntime/native/", List.of(arm ? "linux-aarch64/" : "linux-x64/"),
                "native/lib/", List.of(arm ? "linux-aarch64/" : "linux-x86_64/"),
                "org/sqlite/native/", arm ? List.of("Linux/aarch64/", "Linux-Musl/aarch64/")
                        : List.of("Linux/x86_64/", "Linux-Musl/x86_64/"));
        List<String> foreign = new ArrayList<>();
        int natives = 0;
        for (Path dir : ImageUnderTest.pluginDirectories()) {
            for (Path jar : ImageUnderTest.jars(dir)) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    for (String name : zip.stream().map(e -> e.getName()).toList()) {
                        if (!name.matches(".*\\.(so|dll|dylib|jnilib)")) {
                            continue;
                        }
                        for (Map.Entry<String, List<String>> layout : kept.entrySet()) {
                            if (name.startsWith(layout.getKey())) {
                                String rest = name.substring(layout.getKey().length());
                                if (layout.getValue().stream().anyMatch(rest::startsWith)) {
                                    natives++;
                                } else {
                                    foreign.add(jar.getFileName() + "!" + name);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(foreign.isEmpty(), "natives for other platforms: " + foreign);
        System.out.println("[image] natives kept for this platform: " + natives);
    }

    @Test
    void launcherPrintsUsage() throws Exception {
        ImageUnderTest.Result help = ImageUnderTest.run(List.of(ImageUnderTest.launcher().toString(), "--help"), TIMEOUT);
        assertEquals(0, help.exitCode(), help.output());
        assertTrue(help.output().contains("Usage: quire serve [--port N] [--data DIR] [--config FILE]"), help.output());
        ImageUnderTest.Result none = ImageUnderTest.run(List.of(ImageUnderTest.launcher().toString()), TIMEOUT);
        assertEquals(2, none.exitCode(), none.output());
        assertTrue(none.output().contains("Usage:"), none.output());
    }

    /** Through a symlink (as in /usr/local/bin/quire) the launcher still finds its image and starts the JVM. */
    @Test
    void launcherFindsItsHomeThroughASymlink(@TempDir Path temp) throws Exception {
        Path link = Files.createSymbolicLink(temp.resolve("quire"), ImageUnderTest.launcher());
        // An unknown command gets as far as the server's own argument parsing, which refuses it.
        ImageUnderTest.Result result = ImageUnderTest.run(List.of(link.toString(), "no-such-command"), TIMEOUT);
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("no-such-command"), result.output());
        assertFalse(result.output().contains("not found"), result.output());
    }

    /** The tarball unpacks to a copy of the image whose runtime runs. */
    @Test
    void tarballUnpacksToTheImage(@TempDir Path temp) throws Exception {
        ImageUnderTest.Result untar = ImageUnderTest.run(
                List.of("tar", "xzf", ImageUnderTest.tarball().toString(), "-C", temp.toString()), TIMEOUT);
        assertEquals(0, untar.exitCode(), untar.output());
        Path unpacked = temp.resolve("quire-" + ImageUnderTest.version());
        assertEquals(listing(ImageUnderTest.home()), listing(unpacked));
        ImageUnderTest.Result version = ImageUnderTest.run(List.of(unpacked.resolve("runtime/bin/java").toString(), "-version"), TIMEOUT);
        assertEquals(0, version.exitCode(), version.output());
    }

    @Test
    void tarballHoldsTheImageWithItsFileModes() throws Exception {
        Path tarball = ImageUnderTest.tarball();
        assertTrue(Files.isRegularFile(tarball), tarball + " is missing");
        ImageUnderTest.Result listing = ImageUnderTest.run(List.of("tar", "tzvf", tarball.toString()), TIMEOUT);
        assertEquals(0, listing.exitCode(), listing.output());
        String root = "quire-" + ImageUnderTest.version() + "/";
        assertTrue(listing.output().lines().anyMatch(l -> l.startsWith("-rwx") && l.endsWith(" " + root + "bin/quire")),
                "bin/quire is missing or not executable in " + tarball);
        assertTrue(listing.output().lines().anyMatch(l -> l.startsWith("-rwx") && l.endsWith(" " + root + "runtime/bin/java")),
                "runtime/bin/java is missing or not executable in " + tarball);
        assertTrue(listing.output().contains(root + "lib/quire-server-"), "lib/ is missing from " + tarball);
        System.out.printf("[image] %s: %d MB%n", tarball.getFileName(), Files.size(tarball) >> 20);
    }

    /** Every regular file under root: relative path, size and whether it is executable. */
    private static List<String> listing(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(f -> {
                try {
                    return root.relativize(f) + " " + Files.size(f) + (Files.isExecutable(f) ? " x" : "");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }

    private static Set<String> fileNames(Path dir) throws IOException {
        return ImageUnderTest.jars(dir).stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> moduleNames(Path dir) {
        return ModuleFinder.of(dir).findAll().stream().map(ModuleReference::descriptor).map(d -> d.name())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
