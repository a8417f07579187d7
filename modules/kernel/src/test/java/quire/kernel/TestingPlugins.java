package quire.kernel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import quire.spi.SpiVersion;

/**
 * Builds real plugin modules outside the Maven reactor: writes Java sources, compiles them with
 * the JDK's javac against the quire-spi jar (found from {@link SpiVersion}'s code source) and
 * packs them with {@link JarOutputStream}. Built once per test JVM.
 */
final class TestingPlugins {
    /** A workflow step echoing its configured greeting; id {@code echo}. */
    static final String ECHO = "test.plugin.echo";
    /** Another module whose workflow step also has id {@code echo}. */
    static final String ECHO_TWIN = "test.plugin.echotwin";
    /** A workflow step compiled against SPI 99.0. */
    static final String FUTURE = "test.plugin.future";
    /** A workflow step that requires a module nobody ships. */
    static final String NEEDY = "test.plugin.needy";
    /** A chunker (single point) with a required key; id {@code layered}. */
    static final String CHUNKER = "test.plugin.chunker";
    /** A library module the needy step requires; not shipped with it unless a test says so. */
    static final String MISSING = "test.missing";

    private static Path built;

    private TestingPlugins() {
    }

    /** @return the packaged jar of a module */
    static Path jar(String module) {
        return build().resolve("jars").resolve(module + ".jar");
    }

    /** @return the exploded (compiled, unpacked) module directory */
    static Path exploded(String module) {
        return build().resolve("classes").resolve(module);
    }

    /** Copies jars or exploded module directories into {@code plugins/<dirName>/}. */
    static Path install(Path pluginsDirectory, String dirName, Path... modules) throws IOException {
        Path dir = Files.createDirectories(pluginsDirectory.resolve(dirName));
        for (Path m : modules) {
            Path target = dir.resolve(m.getFileName().toString());
            if (Files.isDirectory(m)) {
                copyTree(m, target);
            } else {
                Files.copy(m, target);
            }
        }
        return dir;
    }

    /** @return the quire-spi jar or classes directory the host runs with */
    static Path spiLocation() {
        try {
            return Path.of(SpiVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Path build() {
        if (built != null) {
            return built;
        }
        try {
            Path root = Files.createTempDirectory("quire-test-plugins");
            Path src = root.resolve("src");
            writeSources(src);
            Path classes = root.resolve("classes");
            compile(src, classes);
            Path jars = Files.createDirectories(root.resolve("jars"));
            try (Stream<Path> modules = Files.list(classes)) {
                for (Path m : modules.toList()) {
                    pack(m, jars.resolve(m.getFileName() + ".jar"));
                }
            }
            built = root;
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compile(Path src, Path classes) throws IOException {
        ToolProvider javac = ToolProvider.findFirst("javac")
                .orElseThrow(() -> new IllegalStateException("javac is not available in this JDK"));
        List<String> args = new ArrayList<>(List.of("--release", "21", "-proc:none", "-d", classes.toString(),
                "--module-source-path", src.toString(), "--module-path", spiLocation().toString()));
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        StringWriter out = new StringWriter();
        int rc = javac.run(new PrintWriter(out), new PrintWriter(out), args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("javac failed (" + rc + "):\n" + out);
        }
    }

    private static void pack(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }

    private static void writeSources(Path src) throws IOException {
        step(src, ECHO, "echo", "SpiVersion.CURRENT", "");
        step(src, ECHO_TWIN, "echo", "SpiVersion.CURRENT", "");
        step(src, FUTURE, "future", "\"99.0\"", "");
        step(src, NEEDY, "needy", "SpiVersion.CURRENT", "    requires " + MISSING + ";\n");
        write(src, MISSING, "module-info.java", "module " + MISSING + " { exports test.missing; }\n");
        write(src, MISSING, "test/missing/Nothing.java", "package test.missing; public final class Nothing { }\n");
        chunker(src);
    }

    private static void step(Path src, String module, String id, String version, String extraRequires)
            throws IOException {
        write(src, module, "module-info.java", """
                module %1$s {
                    requires quire.spi;
                %2$s    provides quire.spi.workflow.WorkflowStepFactory with %1$s.Factory;
                }
                """.formatted(module, extraRequires));
        write(src, module, module.replace('.', '/') + "/Factory.java", """
                package %1$s;

                import java.nio.file.Files;
                import java.util.List;
                import java.util.Map;
                import quire.spi.ConfigProperty;
                import quire.spi.ConfigType;
                import quire.spi.PluginConfig;
                import quire.spi.PluginContext;
                import quire.spi.ProviderInfo;
                import quire.spi.SpiVersion;
                import quire.spi.workflow.WorkflowStep;
                import quire.spi.workflow.WorkflowStepFactory;

                public final class Factory implements WorkflowStepFactory {
                    public String id() { return "%2$s"; }
                    public String description() { return "echoes its greeting (built outside the reactor)"; }
                    public String spiVersion() { return %3$s; }
                    public List<ConfigProperty> configProperties() {
                        return List.of(ConfigProperty.optional("greeting", ConfigType.STRING, "hello", "what to say"));
                    }
                    public WorkflowStep create(PluginConfig config, PluginContext context) throws Exception {
                        String greeting = config.requireString("greeting");
                        Files.writeString(context.dataDirectory().resolve("created"), greeting);
                        return new WorkflowStep() {
                            public ProviderInfo info() { return new ProviderInfo("%2$s", Map.of("module", "%1$s")); }
                            public String parametersSchema() { return "{}"; }
                            public StepResult run(StepInput input) {
                                return new StepResult("{\\"echo\\":\\"" + greeting + " " + input.content() + "\\"}", Map.of());
                            }
                        };
                    }
                }
                """.formatted(module, id, version));
    }

    private static void chunker(Path src) throws IOException {
        write(src, CHUNKER, "module-info.java", """
                module %1$s {
                    requires quire.spi;
                    provides quire.spi.chunker.ChunkerFactory with %1$s.Factory;
                }
                """.formatted(CHUNKER));
        write(src, CHUNKER, CHUNKER.replace('.', '/') + "/Factory.java", """
                package %1$s;

                import java.util.List;
                import java.util.Map;
                import quire.spi.ConfigProperty;
                import quire.spi.ConfigType;
                import quire.spi.PluginConfig;
                import quire.spi.PluginContext;
                import quire.spi.ProviderInfo;
                import quire.spi.SpiVersion;
                import quire.spi.chunker.Chunker;
                import quire.spi.chunker.ChunkerFactory;

                public final class Factory implements ChunkerFactory {
                    public String id() { return "layered"; }
                    public String description() { return "a chunker from a plugin layer"; }
                    public String spiVersion() { return SpiVersion.CURRENT; }
                    public List<ConfigProperty> configProperties() {
                        return List.of(ConfigProperty.required("size", ConfigType.SIZE, "chunk size"));
                    }
                    public Chunker create(PluginConfig config, PluginContext context) {
                        long size = config.size("size");
                        return new Chunker() {
                            public ProviderInfo info() { return new ProviderInfo("layered", Map.of("size", Long.toString(size))); }
                            public List<quire.spi.chunker.TextChunk> chunk(List<quire.spi.parser.Section> s,
                                                                          quire.spi.chunker.ChunkingOptions o) {
                                return List.of();
                            }
                        };
                    }
                }
                """.formatted(CHUNKER));
    }

    private static void write(Path src, String module, String relative, String text) throws IOException {
        Path file = src.resolve(module).resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
