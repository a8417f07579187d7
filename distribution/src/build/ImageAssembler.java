/*
 * Build-time program (run by exec-maven-plugin with the JDK's source launcher, so it needs no
 * compile step of its own) that lays out the Quire appliance image:
 *
 *   bin/quire        launcher (from src/bin/quire, @JDK_MODULES@ and @VERSION@ filled in)
 *   runtime/         jlinked JDK: only the JDK modules the jars need
 *   lib/             quire-server and its runtime dependencies: the boot module path
 *   plugins/<id>/    one directory per quire-plugin-<id> dependency: the plugin jar and its runtime
 *                    dependencies that are not already in lib/ (one ModuleLayer each at run time)
 *   models/          bundled embedding models (one directory per model id)
 *   config/          shipped defaults
 *
 * Which jar belongs where comes from Maven's verbose dependency tree of the distribution module: a
 * plain tree lists a jar shared by two plugins under only one of them; the verbose tree keeps the
 * omitted edges, and the resolved version comes from the node Maven kept.
 */

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

public final class ImageAssembler {

    /** Scopes whose jars are part of the running image. */
    private static final Set<String> RUNTIME_SCOPES = Set.of("compile", "runtime");

    /**
     * Jars that carry native libraries for every platform: directory prefix inside the jar, and which
     * platform sub-directories to keep per CPU architecture (the image's runtime/ is for one platform,
     * the build's own). Files directly under the prefix (metadata) are always kept.
     */
    private record NativeLayout(String prefix, Map<String, List<String>> keepByArch) {}

    private static final List<NativeLayout> NATIVE_LAYOUTS = List.of(
            new NativeLayout("ai/onnxruntime/native/", Map.of(
                    "x86_64", List.of("linux-x64/"), "aarch64", List.of("linux-aarch64/"))),
            new NativeLayout("native/lib/", Map.of(   // DJL tokenizers
                    "x86_64", List.of("linux-x86_64/"), "aarch64", List.of("linux-aarch64/"))),
            new NativeLayout("org/sqlite/native/", Map.of(
                    "x86_64", List.of("Linux/x86_64/", "Linux-Musl/x86_64/"),
                    "aarch64", List.of("Linux/aarch64/", "Linux-Musl/aarch64/"))));

    /** A resolved artifact: groupId:artifactId[:classifier] plus the version and type Maven kept. */
    private record Artifact(String key, String groupId, String artifactId, String type, String classifier,
                            String version) {
        String fileName() {
            return artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + "." + type;
        }
    }

    private final Map<String, String> options;
    private final Path image;
    private final Path work;

    private ImageAssembler(Map<String, String> options) {
        this.options = options;
        this.image = Path.of(required("image")).toAbsolutePath();
        this.work = Path.of(required("work")).toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        long started = System.nanoTime();
        new ImageAssembler(options).assemble();
        System.out.printf("[image] assembled in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }

    private void assemble() throws IOException {
        DependencyTree tree = DependencyTree.parse(Path.of(required("tree")));
        Path jars = Path.of(required("jars"));

        Set<String> never = Set.of(required("never-in-plugins").split(","));
        Set<String> libKeys = tree.closure(tree.directChild(required("server")));

        // Keep runtime/ (jlink is the slow step; it is redone only when its inputs change).
        for (String dir : List.of("bin", "lib", "plugins", "models", "config")) {
            deleteTree(image.resolve(dir));
        }
        Files.createDirectories(image);

        Set<String> libFiles = copyJars(tree, libKeys, jars, image.resolve("lib"));
        System.out.println("[image] lib/: " + libFiles.size() + " jars");

        String prefix = required("plugin-prefix");
        Map<String, Set<String>> pluginFiles = new LinkedHashMap<>();
        for (Artifact plugin : tree.directChildren()) {
            if (!plugin.artifactId().startsWith(prefix)) {
                continue;
            }
            String id = plugin.artifactId().substring(prefix.length());
            Set<String> keys = new LinkedHashSet<>(tree.closure(plugin.key()));
            keys.removeAll(libKeys);
            keys.removeAll(never);
            Set<String> files = copyJars(tree, keys, jars, image.resolve("plugins").resolve(id));
            pluginFiles.put(id, files);
            System.out.println("[image] plugins/" + id + "/: " + files);
        }

        copyTreeIfPresent(Path.of(required("config")), image.resolve("config"));
        Files.createDirectories(image.resolve("config"));
        copyTreeIfPresent(Path.of(required("models")), image.resolve("models"));
        Files.createDirectories(image.resolve("models"));

        List<Path> allJars = new ArrayList<>();
        try (Stream<Path> files = Files.walk(image.resolve("lib"))) {
            files.filter(f -> f.toString().endsWith(".jar")).forEach(allJars::add);
        }
        try (Stream<Path> files = Files.walk(image.resolve("plugins"))) {
            files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(allJars::add);
        }
        Set<String> jdkModules = jdkModules(allJars);
        link(jdkModules);
        writeLauncher(jdkModules, moduleNames(image.resolve("lib")));
        Files.writeString(image.resolve("release"), "QUIRE_VERSION=\"" + required("version") + "\"\n"
                + "JDK_MODULES=\"" + String.join(",", jdkModules) + "\"\n");
    }

    // ---- jars -------------------------------------------------------------------------------

    private Set<String> copyJars(DependencyTree tree, Set<String> keys, Path jars, Path target) throws IOException {
        Files.createDirectories(target);
        Set<String> names = new TreeSet<>();
        for (String key : keys) {
            Artifact artifact = tree.resolved(key);
            if (!artifact.type().equals("jar")) {
                continue;
            }
            Path source = jars.resolve(artifact.fileName());
            if (!Files.isRegularFile(source)) {
                throw new IllegalStateException("copy-dependencies did not produce " + source + " for " + key);
            }
            if (!names.add(artifact.fileName())) {
                throw new IllegalStateException("two artifacts share the file name " + artifact.fileName());
            }
            Path stripped = strippedNatives(source);
            Files.copy(stripped, target.resolve(artifact.fileName()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
        return names;
    }

    /** The jar itself, or a cached copy without the native libraries of other platforms. */
    private Path strippedNatives(Path jar) throws IOException {
        List<NativeLayout> layouts;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            layouts = NATIVE_LAYOUTS.stream().filter(l -> zip.getEntry(l.prefix()) != null
                    || zip.stream().anyMatch(e -> e.getName().startsWith(l.prefix()))).toList();
        }
        String arch = hostArch();
        if (layouts.isEmpty() || arch == null || !System.getProperty("os.name").toLowerCase().contains("linux")) {
            return jar;
        }
        Path out = work.resolve("stripped").resolve(jar.getFileName());
        if (Files.isRegularFile(out) && Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
            return out;
        }
        Files.createDirectories(out.getParent());
        long removed = 0;
        try (ZipFile zip = new ZipFile(jar.toFile());
             ZipOutputStream zipOut = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (otherPlatform(entry.getName(), layouts, arch)) {
                    removed += entry.getSize();
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry);
                copy.setCompressedSize(-1);   // recompressed: the old compressed size may not match
                zipOut.putNextEntry(copy);
                try (InputStream in = zip.getInputStream(entry)) {
                    in.transferTo(zipOut);
                }
                zipOut.closeEntry();
            }
        }
        System.out.printf("[image] %s: dropped %d MB (uncompressed) of natives for other platforms; jar %d MB -> %d MB%n",
                jar.getFileName(), removed >> 20, Files.size(jar) >> 20, Files.size(out) >> 20);
        return out;
    }

    private static boolean otherPlatform(String name, List<NativeLayout> layouts, String arch) {
        for (NativeLayout layout : layouts) {
            if (!name.startsWith(layout.prefix())) {
                continue;
            }
            String rest = name.substring(layout.prefix().length());
            if (!rest.contains("/")) {
                return false;   // metadata directly under the prefix
            }
            List<String> keep = layout.keepByArch().get(arch);
            // Parent directories of kept platforms (e.g. "Linux/") stay so the zip stays well-formed.
            return keep.stream().noneMatch(k -> rest.startsWith(k) || (rest.endsWith("/") && k.startsWith(rest)));
        }
        return false;
    }

    private static String hostArch() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
        };
    }

    // ---- runtime/ ---------------------------------------------------------------------------

    /**
     * JDK modules the image needs: the JDK modules named by every explicit module's non-static
     * {@code requires}, what jdeps finds in jars without a module descriptor, and the configured extras.
     */
    private Set<String> jdkModules(List<Path> jars) throws IOException {
        ModuleFinder system = ModuleFinder.ofSystem();
        Set<String> modules = new TreeSet<>();
        List<Path> withoutDescriptor = new ArrayList<>();
        for (Path jar : jars) {
            ModuleDescriptor descriptor = ModuleFinder.of(jar).findAll().stream()
                    .map(ModuleReference::descriptor).findFirst().orElseThrow();
            if (descriptor.isAutomatic()) {
                withoutDescriptor.add(jar);
                continue;
            }
            descriptor.requires().stream()
                    .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                    .map(ModuleDescriptor.Requires::name)
                    .filter(name -> system.find(name).isPresent())
                    .forEach(modules::add);
        }
        if (!withoutDescriptor.isEmpty()) {
            for (String name : jdeps(withoutDescriptor).split(",")) {
                if (!name.isBlank()) {
                    modules.add(name.trim());
                }
            }
        }
        for (String name : required("extra-jdk-modules").split(",")) {
            if (system.find(name.trim()).isPresent()) {   // e.g. jdk.crypto.ec is gone from newer JDKs
                modules.add(name.trim());
            } else {
                System.out.println("[image] JDK module " + name.trim() + " not in this JDK: skipped");
            }
        }
        modules.add("java.base");
        return modules;
    }

    /** jdeps over big jars takes tens of seconds: its answer is kept until the set of jars changes. */
    private String jdeps(List<Path> jars) throws IOException {
        String key = Runtime.version() + " " + jars.stream().map(j -> {
            try {
                return j.getFileName() + ":" + Files.size(j);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).sorted().collect(Collectors.joining(" "));
        Path cache = work.resolve("jdeps.cache");
        if (Files.isRegularFile(cache)) {
            List<String> lines = Files.readAllLines(cache);
            if (lines.size() == 2 && lines.get(0).equals(key)) {
                return lines.get(1);
            }
        }
        long started = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps",
                "--multi-release", String.valueOf(Runtime.version().feature()), "-q"));
        jars.forEach(jar -> args.add(jar.toString()));
        String modules = run("jdeps", args).trim();
        System.out.printf("[image] jdeps over %d jars without a module descriptor: %s (%.1f s)%n", jars.size(), modules,
                (System.nanoTime() - started) / 1e9);
        Files.writeString(cache, key + "\n" + modules + "\n");
        return modules;
    }

    private void link(Set<String> modules) throws IOException {
        Path runtime = image.resolve("runtime");
        Path stamp = work.resolve("jlink.stamp");
        String key = Runtime.version() + " " + System.getProperty("java.home") + " " + modules;
        if (Files.isExecutable(runtime.resolve("bin/java")) && Files.isRegularFile(stamp)
                && Files.readString(stamp).equals(key)) {
            System.out.println("[image] runtime/ is up to date: " + modules);
            return;
        }
        deleteTree(runtime);
        Files.deleteIfExists(stamp);
        long started = System.nanoTime();
        run("jlink", List.of("--add-modules", String.join(",", modules), "--output", runtime.toString(),
                "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=zip-6",
                "--generate-cds-archive"));
        Files.writeString(stamp, key);
        System.out.printf("[image] runtime/ linked in %.1f s: %s%n", (System.nanoTime() - started) / 1e9, modules);
    }

    private static String run(String tool, List<String> args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " is not in this JDK (" + System.getProperty("java.home") + ")"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = provider.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException(tool + " failed (" + status + "): " + err + out);
        }
        return out.toString();
    }

    // ---- bin/ -------------------------------------------------------------------------------

    private static Set<String> moduleNames(Path dir) {
        return ModuleFinder.of(dir).findAll().stream().map(r -> r.descriptor().name())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private void writeLauncher(Set<String> jdkModules, Set<String> bootModules) throws IOException {
        // Every linked module is resolved at boot, so plugin layers (which cannot define JDK modules)
        // find what they need. That includes the incubating Vector API: the index's SIMD distance
        // halves HNSW query time, which is worth the one warning line the JVM prints on stderr.
        String resolvedAtBoot = String.join(",", jdkModules);
        String nativeAccess = Stream.concat(Stream.of("ALL-UNNAMED"), bootModules.stream())
                .collect(Collectors.joining(","));
        String text = Files.readString(Path.of(required("launcher")))
                .replace("@JDK_MODULES@", resolvedAtBoot)
                .replace("@NATIVE_ACCESS@", nativeAccess)
                .replace("@VERSION@", required("version"));
        Path launcher = image.resolve("bin/quire");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    // ---- files ------------------------------------------------------------------------------

    private static void copyTreeIfPresent(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            System.out.println("[image] " + source + " does not exist: " + target.getFileName() + "/ stays empty");
            return;
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    // ---- the verbose dependency tree --------------------------------------------------------

    /**
     * maven-dependency-plugin's text tree with {@code verbose=true}. Lines look like
     * {@code |  +- g:a:jar[:classifier]:version:scope} for kept nodes and
     * {@code |  \- (g:a:jar:version:scope - omitted for duplicate)} for omitted ones; three
     * characters of indentation per level.
     */
    private static final class DependencyTree {
        private final Map<String, Artifact> resolved = new LinkedHashMap<>();
        private final Map<String, Set<String>> children = new LinkedHashMap<>();
        private final List<String> direct = new ArrayList<>();

        static DependencyTree parse(Path file) throws IOException {
            DependencyTree tree = new DependencyTree();
            Deque<String> parents = new ArrayDeque<>();   // keys by depth (index 0 = depth 1)
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {   // line 0 is the distribution itself
                if (line.isBlank()) {
                    continue;
                }
                int start = 0;
                while (start < line.length() && "|+\\- ".indexOf(line.charAt(start)) >= 0) {
                    start++;
                }
                int depth = start / 3;
                String node = line.substring(start);
                boolean omitted = node.startsWith("(");
                if (omitted) {
                    node = node.substring(1);
                }
                String[] parts = node.split("[ )]", 2)[0].split(":");
                if (parts.length != 5 && parts.length != 6) {
                    throw new IllegalStateException("unexpected dependency tree line: " + line);
                }
                String classifier = parts.length == 6 ? parts[3] : "";
                String scope = parts[parts.length - 1];
                String key = parts[0] + ":" + parts[1] + (classifier.isEmpty() ? "" : ":" + classifier);
                while (parents.size() >= depth) {
                    parents.pop();
                }
                if (!RUNTIME_SCOPES.contains(scope)) {
                    parents.push("-skip-");   // a test/provided subtree: none of it ships
                    continue;
                }
                String parent = parents.peek();
                if ("-skip-".equals(parent)) {
                    parents.push("-skip-");
                    continue;
                }
                if (depth == 1) {
                    tree.direct.add(key);
                } else {
                    tree.children.computeIfAbsent(parent, k -> new LinkedHashSet<>()).add(key);
                }
                if (!omitted) {
                    tree.resolved.put(key, new Artifact(key, parts[0], parts[1], parts[2], classifier,
                            parts[parts.length - 2]));
                }
                parents.push(key);
            }
            return tree;
        }

        List<Artifact> directChildren() {
            return direct.stream().map(this::resolved).toList();
        }

        String directChild(String groupAndArtifact) {
            return direct.stream().filter(groupAndArtifact::equals).findFirst()
                    .orElseThrow(() -> new IllegalStateException(groupAndArtifact + " is not a dependency of the distribution"));
        }

        Artifact resolved(String key) {
            Artifact artifact = resolved.get(key);
            if (artifact == null) {
                throw new IllegalStateException("no resolved version of " + key + " in the dependency tree");
            }
            return artifact;
        }

        /** The artifact and everything it needs at run time, following omitted edges too. */
        Set<String> closure(String root) {
            Set<String> seen = new LinkedHashSet<>();
            Deque<String> todo = new ArrayDeque<>(List.of(root));
            while (!todo.isEmpty()) {
                String key = todo.pop();
                if (seen.add(key)) {
                    todo.addAll(children.getOrDefault(key, Set.of()));
                }
            }
            return seen;
        }
    }
}
