package quire.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * House style 4: the image's module graph resolves and every plugin provides what it declares,
 * checked inside the image's own JVM by {@link ImageModuleCheck}.
 */
class ModuleGraphIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Test
    void bootGraphResolvesAndEveryPluginProvidesWhatItDeclares() throws Exception {
        ImageUnderTest.Result result = check(ImageUnderTest.home().resolve("plugins"));
        System.out.println(result.output());
        assertEquals(0, result.exitCode(), "the image's module graph check failed:\n" + result.output());
        for (Path plugin : ImageUnderTest.pluginDirectories()) {
            String line = "OK plugins/" + plugin.getFileName() + "/";
            assertTrue(result.output().contains(line), "no '" + line + "' in:\n" + result.output());
        }
    }

    /** The check above can fail: a plugin whose graph does not resolve, and one that provides nothing. */
    @Test
    void brokenPluginsAreReported(@TempDir Path temp) throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Path stub = compileModule(temp.resolve("stub"), "no.such.module", "module no.such.module { }", List.of());
        writeJar(compileModule(temp.resolve("missing"), "broken.missing",
                "module broken.missing { requires no.such.module; }", List.of(stub)),
                Files.createDirectories(plugins.resolve("missing")).resolve("broken-missing.jar"));
        Path spi = ImageUnderTest.jars(ImageUnderTest.home().resolve("lib")).stream()
                .filter(j -> j.getFileName().toString().startsWith("quire-spi-")).findFirst().orElseThrow();
        writeJar(compileModule(temp.resolve("empty"), "broken.empty", "module broken.empty { requires quire.spi; }", List.of(spi)),
                Files.createDirectories(plugins.resolve("empty")).resolve("broken-empty.jar"));

        ImageUnderTest.Result result = check(plugins);
        assertNotEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().lines().anyMatch(l -> l.startsWith("FAIL plugins/missing/") && l.contains("no.such.module")),
                result.output());
        assertTrue(result.output().lines().anyMatch(l -> l.startsWith("FAIL plugins/empty/") && l.contains("provides")),
                result.output());
    }

    private static ImageUnderTest.Result check(Path plugins) throws Exception {
        return ImageUnderTest.run(List.of(
                ImageUnderTest.java().toString(),
                "--add-modules", ImageUnderTest.launcherJdkModules(),
                "-cp", ImageUnderTest.testClasses().toString(),
                ImageModuleCheck.class.getName(),
                ImageUnderTest.home().resolve("lib").toString(),
                plugins.toString()), TIMEOUT);
    }

    private static Path compileModule(Path dir, String name, String moduleInfo, List<Path> modulePath) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(src.resolve("module-info.java"), moduleInfo);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
        if (!modulePath.isEmpty()) {
            args.add("-p");
            args.add(String.join(java.io.File.pathSeparator, modulePath.stream().map(Path::toString).toList()));
        }
        args.add(src.resolve("module-info.java").toString());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "could not compile test module " + name);
        return classes;
    }

    private static void writeJar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }
}
