package quire.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quire.spi.ExtensionPoint;
import quire.spi.chunker.Chunker;
import quire.spi.workflow.WorkflowStep;

/** Plugins built outside the reactor, dropped into plugins/<dir>/, loaded as their own layers. */
class PluginLayerTest {
    @TempDir
    Path tmp;

    private Path plugins() throws Exception {
        return Files.createDirectories(tmp.resolve("plugins"));
    }

    private Kernel start(Path plugins, Map<String, String> overrides) {
        return Kernel.start(new KernelOptions(null, plugins, tmp.resolve("data"), Map.of(), overrides, List.of()));
    }

    @Test
    void jarDroppedIntoPluginsDirectoryIsFoundAndUsed() throws Exception {
        Path plugins = plugins();
        TestingPlugins.install(plugins, "echo", TestingPlugins.jar(TestingPlugins.ECHO));
        try (Kernel kernel = start(plugins, Map.of("quire.workflow-steps.echo.greeting", "hi"))) {
            List<WorkflowStep> steps = kernel.providers(WorkflowStep.class);
            assertEquals(1, steps.size());
            WorkflowStep step = steps.get(0);
            WorkflowStep.StepResult result = step.run(new WorkflowStep.StepInput("d1", "there", Map.of(), "{}", null));
            assertEquals("{\"echo\":\"hi there\"}", result.outputJson());

            Module module = step.getClass().getModule();
            assertEquals(TestingPlugins.ECHO, module.getName());
            assertNotSame(ModuleLayer.boot(), module.getLayer(), "plugin must live in its own layer");
            assertTrue(module.getLayer().parents().contains(ModuleLayer.boot()));
            assertEquals("hi", Files.readString(tmp.resolve("data/plugins/echo/created")));

            PluginStatus status = only(kernel, "echo");
            assertEquals(PluginStatus.State.ACTIVE, status.state());
            assertEquals("echo", status.source());
            assertEquals(ExtensionPoint.WORKFLOW_STEP, status.extensionPoint());
            assertEquals(TestingPlugins.ECHO, status.info().details().get("module"));
        }
    }

    @Test
    void nativeAccessIsGrantedToPluginModules() throws Exception {
        Method enabled;
        try {
            enabled = Module.class.getMethod("isNativeAccessEnabled");
        } catch (NoSuchMethodException e) {
            org.junit.jupiter.api.Assumptions.abort("runtime has no native-access API (Java 21): nothing to grant");
            return;
        }
        Path plugins = plugins();
        TestingPlugins.install(plugins, "echo", TestingPlugins.jar(TestingPlugins.ECHO));
        try (Kernel kernel = start(plugins, Map.of())) {
            Module module = kernel.providers(WorkflowStep.class).get(0).getClass().getModule();
            assertEquals(Boolean.TRUE, enabled.invoke(module));
        }
    }

    @Test
    void explodedModuleDirectoryIsLoadedToo() throws Exception {
        Path plugins = plugins();
        TestingPlugins.install(plugins, "chunker", TestingPlugins.exploded(TestingPlugins.CHUNKER));
        try (Kernel kernel = start(plugins, Map.of("quire.chunker.provider", "layered", "quire.chunker.layered.size", "2KB"))) {
            Chunker chunker = kernel.provider(Chunker.class).orElseThrow();
            assertEquals("2048", chunker.info().details().get("size"));
            assertEquals(TestingPlugins.CHUNKER, chunker.getClass().getModule().getName());
        }
    }

    @Test
    void folderOfJarsResolvesAsOneLayer() throws Exception {
        Path plugins = plugins();
        // the step and the library module it requires, side by side in one plugin directory
        TestingPlugins.install(plugins, "needy", TestingPlugins.jar(TestingPlugins.NEEDY),
                TestingPlugins.jar(TestingPlugins.MISSING));
        try (Kernel kernel = start(plugins, Map.of())) {
            WorkflowStep step = kernel.providers(WorkflowStep.class).get(0);
            Module module = step.getClass().getModule();
            assertEquals(TestingPlugins.NEEDY, module.getName());
            assertTrue(module.getLayer().findModule(TestingPlugins.MISSING).isPresent());
            assertSame(module.getClassLoader(), module.getLayer().findLoader(TestingPlugins.MISSING),
                    "one class loader per plugin directory");
        }
    }

    @Test
    void onlyProvidersOfTheNewLayerAreKeptNotThoseOfItsParents() throws Exception {
        // a parent layer with the echo step stands in for the boot layer
        Path parentDir = TestingPlugins.install(tmp, "parent", TestingPlugins.jar(TestingPlugins.ECHO));
        java.lang.module.ModuleFinder finder = java.lang.module.ModuleFinder.of(parentDir);
        java.lang.module.Configuration cf = ModuleLayer.boot().configuration()
                .resolve(finder, java.lang.module.ModuleFinder.of(), java.util.Set.of(TestingPlugins.ECHO));
        ModuleLayer parent = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader());
        assertEquals(1, java.util.ServiceLoader.load(parent, quire.spi.workflow.WorkflowStepFactory.class)
                .stream().count(), "precondition: the parent layer provides a step");

        Path child = TestingPlugins.install(tmp, "child", TestingPlugins.jar(TestingPlugins.CHUNKER));
        List<DiscoveredFactory> found = PluginLayerLoader.loadDirectory(child, "child", parent);
        assertEquals(List.of("chunker/layered"),
                found.stream().map(f -> f.point().configKey() + "/" + f.id()).toList());
        assertEquals("child", found.get(0).source());
    }

    @Test
    void sameIdInTwoPluginDirectoriesFailsNamingBoth() throws Exception {
        Path plugins = plugins();
        TestingPlugins.install(plugins, "echo-a", TestingPlugins.jar(TestingPlugins.ECHO));
        TestingPlugins.install(plugins, "echo-b", TestingPlugins.jar(TestingPlugins.ECHO_TWIN));
        KernelException e = assertThrows(KernelException.class, () -> start(plugins, Map.of()));
        assertTrue(e.getMessage().contains("duplicate plugin id"), e.getMessage());
        assertTrue(e.getMessage().contains("'echo'"), e.getMessage());
        assertTrue(e.getMessage().contains("plugin directory echo-a"), e.getMessage());
        assertTrue(e.getMessage().contains("plugin directory echo-b"), e.getMessage());
    }

    @Test
    void incompatibleSpiVersionIsFailedButServerStarts() throws Exception {
        Path plugins = plugins();
        TestingPlugins.install(plugins, "echo", TestingPlugins.jar(TestingPlugins.ECHO));
        TestingPlugins.install(plugins, "future", TestingPlugins.jar(TestingPlugins.FUTURE));
        try (Kernel kernel = start(plugins, Map.of())) {
            PluginStatus future = only(kernel, "future");
            assertEquals(PluginStatus.State.FAILED, future.state());
            assertTrue(future.message().contains("SPI 99.0"), future.message());
            assertEquals(1, kernel.providers(WorkflowStep.class).size(), "only the compatible step runs");
        }
    }

    @Test
    void incompatibleSpiVersionFailsStartUpWhenConfigured() throws Exception {
        Path plugins = plugins();
        TestingPlugins.install(plugins, "future", TestingPlugins.jar(TestingPlugins.FUTURE));
        // configuring its node marks the step as wanted
        KernelException e = assertThrows(KernelException.class,
                () -> start(plugins, Map.of("quire.workflow-steps.future.greeting", "x")));
        assertTrue(e.getMessage().contains("quire.workflow-steps.future is configured"), e.getMessage());
        assertTrue(e.getMessage().contains("compiled against SPI 99.0"), e.getMessage());
    }

    @Test
    void corruptJarIsReportedAndDoesNotStopTheServer() throws Exception {
        Path plugins = plugins();
        TestingPlugins.install(plugins, "echo", TestingPlugins.jar(TestingPlugins.ECHO));
        Path broken = Files.createDirectories(plugins.resolve("broken"));
        Files.write(broken.resolve("broken.jar"), new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2, 3});
        try (Kernel kernel = start(plugins, Map.of())) {
            PluginStatus status = only(kernel, "broken");
            assertEquals(PluginStatus.State.FAILED, status.state());
            assertEquals("broken", status.source());
            assertTrue(status.message().contains("plugin directory broken failed to load"), status.message());
            assertEquals(1, kernel.providers(WorkflowStep.class).size());
        }
    }

    @Test
    void configuredBrokenDirectoryFailsStartUp() throws Exception {
        Path plugins = plugins();
        Path broken = Files.createDirectories(plugins.resolve("broken"));
        Files.write(broken.resolve("broken.jar"), new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2, 3});
        KernelException e = assertThrows(KernelException.class,
                () -> start(plugins, Map.of("quire.workflow-steps.broken.anything", "x")));
        assertTrue(e.getMessage().contains("quire.workflow-steps.broken is configured but plugin directory broken"),
                e.getMessage());
    }

    @Test
    void configuredProviderMissingNamesFailedDirectoriesWhateverTheirName() throws Exception {
        Path plugins = plugins();
        TestingPlugins.install(plugins, "chunker-plugin", TestingPlugins.jar(TestingPlugins.NEEDY));
        KernelException e = assertThrows(KernelException.class,
                () -> start(plugins, Map.of("quire.chunker.provider", "layered")));
        assertTrue(e.getMessage().startsWith("quire.chunker.provider = layered but no chunker plugin with that id "
                + "is installed (available: none); these plugin directories failed to load: plugin directory "
                + "chunker-plugin failed to load"), e.getMessage());
    }

    @Test
    void missingRequiredModuleIsReportedAndDoesNotStopTheServer() throws Exception {
        Path plugins = plugins();
        TestingPlugins.install(plugins, "needy", TestingPlugins.jar(TestingPlugins.NEEDY));
        try (Kernel kernel = start(plugins, Map.of())) {
            PluginStatus status = only(kernel, "needy");
            assertEquals(PluginStatus.State.FAILED, status.state());
            assertTrue(status.message().contains("test.missing"), status.message());
            assertTrue(kernel.providers(WorkflowStep.class).isEmpty());
        }
    }

    @Test
    void configuredProviderFromBrokenDirectoryFailsStartUpWithTheCause() throws Exception {
        Path plugins = plugins();
        TestingPlugins.install(plugins, "needy", TestingPlugins.jar(TestingPlugins.NEEDY));
        KernelException e = assertThrows(KernelException.class,
                () -> start(plugins, Map.of("quire.chunker.provider", "needy")));
        assertTrue(e.getMessage().contains("test.missing"), e.getMessage());
    }

    @Test
    void requiredKeyOfLayeredProviderIsChecked() throws Exception {
        Path plugins = plugins();
        TestingPlugins.install(plugins, "chunker", TestingPlugins.jar(TestingPlugins.CHUNKER));
        KernelException e = assertThrows(KernelException.class,
                () -> start(plugins, Map.of("quire.chunker.provider", "layered")));
        assertTrue(e.getMessage().contains("quire.chunker.layered.size"), e.getMessage());
        assertTrue(e.getMessage().contains("QUIRE_CHUNKER_LAYERED_SIZE"), e.getMessage());
    }

    private static PluginStatus only(Kernel kernel, String id) {
        List<PluginStatus> found = kernel.plugins().stream().filter(s -> s.id().equals(id)).toList();
        assertEquals(1, found.size(), () -> "statuses: " + kernel.plugins());
        return found.get(0);
    }
}
