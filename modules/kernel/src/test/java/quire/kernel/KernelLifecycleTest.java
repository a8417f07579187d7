package quire.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quire.spi.ExtensionPoint;
import quire.spi.PluginException;
import quire.spi.ProviderFactory;
import quire.spi.chunker.Chunker;
import quire.spi.rerank.Reranker;
import quire.spi.workflow.WorkflowStep;

/** Creation order, close order, contexts and failure handling with in-process fake factories. */
class KernelLifecycleTest {
    @TempDir
    Path tmp;

    private final List<String> events = TestingFactory.events();

    private TestingFactory.Spec spec() {
        return new TestingFactory.Spec(events);
    }

    private Kernel start(Map<String, String> overrides, ProviderFactory<?>... factories) {
        return Kernel.start(new KernelOptions(null, null, tmp, Map.of(), overrides, List.of()), List.of(factories));
    }

    private static final Map<String, String> CHUNKER_AND_RERANKER =
            Map.of("quire.chunker.provider", "words", "quire.reranker.provider", "cross");

    @Test
    void createsInDependsOnOrderAndClosesInReverse() {
        AtomicReference<Chunker> seenByReranker = new AtomicReference<>();
        TestingFactory.Spec step = spec().dependsOn(ExtensionPoint.RERANKER, ExtensionPoint.CHUNKER);
        TestingFactory.Spec reranker = spec().dependsOn(ExtensionPoint.CHUNKER)
                .onCreate((c, ctx) -> seenByReranker.set(ctx.provider(Chunker.class).orElseThrow()));
        // supplied in the worst order on purpose
        Kernel kernel = start(CHUNKER_AND_RERANKER, TestingFactory.step("summarise", step),
                TestingFactory.reranker("cross", reranker), TestingFactory.chunker("words", spec()));
        assertEquals(List.of("create:words", "create:cross", "create:summarise"), events);
        assertSame(kernel.provider(Chunker.class).orElseThrow(), seenByReranker.get());

        kernel.close();
        assertEquals(List.of("create:words", "create:cross", "create:summarise",
                "close:summarise", "close:cross", "close:words"), events);
        kernel.close();
        assertEquals(6, events.size(), "close is idempotent");
    }

    @Test
    void dependsOnCycleFailsNamingTheCycle() {
        KernelException e = assertThrows(KernelException.class, () -> start(CHUNKER_AND_RERANKER,
                TestingFactory.chunker("words", spec().dependsOn(ExtensionPoint.RERANKER)),
                TestingFactory.reranker("cross", spec().dependsOn(ExtensionPoint.CHUNKER))));
        assertTrue(e.getMessage().contains("dependsOn cycle"), e.getMessage());
        assertTrue(e.getMessage().contains("chunker 'words' -> reranker 'cross' -> chunker 'words'"), e.getMessage());
        assertTrue(events.isEmpty(), "nothing is created before the order is known");
    }

    @Test
    void undeclaredDependencyIsRefused() {
        TestingFactory.Spec reranker = spec().onCreate((c, ctx) -> ctx.provider(Chunker.class));
        KernelException e = assertThrows(KernelException.class, () -> start(CHUNKER_AND_RERANKER,
                TestingFactory.chunker("words", spec()), TestingFactory.reranker("cross", reranker)));
        assertTrue(e.getMessage().contains("did not declare it in dependsOn()"), e.getMessage());
        assertEquals(List.of("create:words", "close:words"), events, "what was created is closed again");
    }

    @Test
    void dependencyOnUnconfiguredPointIsEmpty() {
        AtomicReference<Object> seen = new AtomicReference<>("unset");
        TestingFactory.Spec reranker = spec().dependsOn(ExtensionPoint.EMBEDDER)
                .onCreate((c, ctx) -> seen.set(ctx.provider(quire.spi.embedding.Embedder.class)));
        try (Kernel k = start(Map.of("quire.reranker.provider", "cross"), TestingFactory.reranker("cross", reranker))) {
            assertEquals(java.util.Optional.empty(), seen.get());
            assertTrue(k.provider(Reranker.class).isPresent());
        }
    }

    @Test
    void contextGivesDataDirectoryClockLoggerAndExecutorsClosedAfterTheProvider() throws Exception {
        AtomicReference<ExecutorService> executor = new AtomicReference<>();
        List<Boolean> shutDownWhenProviderClosed = new java.util.ArrayList<>();
        TestingFactory.Spec chunker = spec().onCreate((c, ctx) -> executor.set(ctx.executor("work")));
        Kernel kernel = start(Map.of("quire.chunker.provider", "words"), TestingFactory.chunker("words", chunker));
        quire.spi.PluginContext ctx = chunker.context;
        assertEquals(tmp.toAbsolutePath().resolve("plugins/words"), ctx.dataDirectory());
        assertTrue(Files.isDirectory(ctx.dataDirectory()));
        assertEquals(tmp.toAbsolutePath(), ctx.serverDataDirectory());
        assertEquals("quire.plugin.chunker.words", ctx.logger().getName());
        assertEquals(quire.spi.SpiVersion.CURRENT, ctx.spiVersion());
        assertSame(executor.get(), ctx.executor("work"), "one executor per name");
        String thread = executor.get().submit(() -> Thread.currentThread().getName()).get();
        assertTrue(thread.startsWith("quire-words-work-"), thread);
        events.add("executor-shutdown-before-close:" + executor.get().isShutdown());
        kernel.close();
        shutDownWhenProviderClosed.add(executor.get().isShutdown());
        assertEquals(List.of(true), shutDownWhenProviderClosed);
        assertEquals(List.of("create:words", "executor-shutdown-before-close:false", "close:words"), events);
        assertThrows(PluginException.class, () -> ctx.executor("late"));
    }

    @Test
    void failingSingleProviderFailsStartUpAndClosesWhatWasCreated() {
        TestingFactory.Spec reranker = spec().dependsOn(ExtensionPoint.CHUNKER)
                .onCreate((c, ctx) -> { throw new IllegalStateException("model file missing"); });
        KernelException e = assertThrows(KernelException.class, () -> start(CHUNKER_AND_RERANKER,
                TestingFactory.chunker("words", spec()), TestingFactory.reranker("cross", reranker)));
        assertTrue(e.getMessage().contains("cannot start reranker 'cross' from boot: model file missing"), e.getMessage());
        assertEquals(List.of("create:words", "close:words"), events);
    }

    @Test
    void failingUnconfiguredStepIsReportedAndTheServerStarts() {
        TestingFactory.Spec bad = spec().onCreate((c, ctx) -> { throw new IllegalStateException("no GPU"); });
        try (Kernel kernel = start(Map.of(), TestingFactory.step("bad", bad), TestingFactory.step("good", spec()))) {
            assertEquals(1, kernel.providers(WorkflowStep.class).size());
            PluginStatus status = status(kernel, "bad");
            assertEquals(PluginStatus.State.FAILED, status.state());
            assertTrue(status.message().contains("no GPU"), status.message());
            assertEquals(PluginStatus.State.ACTIVE, status(kernel, "good").state());
        }
    }

    @Test
    void failingConfiguredStepFailsStartUp() {
        TestingFactory.Spec bad = spec().properties(quire.spi.ConfigProperty.optional("x", quire.spi.ConfigType.INT, "1", ""))
                .onCreate((c, ctx) -> { throw new IllegalStateException("no GPU"); });
        KernelException e = assertThrows(KernelException.class,
                () -> start(Map.of("quire.workflow-steps.bad.x", "2"), TestingFactory.step("bad", bad)));
        assertTrue(e.getMessage().contains("no GPU"), e.getMessage());
    }

    @Test
    void unconfiguredStepMissingARequiredKeyIsFailedNotFatal() {
        TestingFactory.Spec needsKey = spec().properties(
                quire.spi.ConfigProperty.required("endpoint", quire.spi.ConfigType.STRING, "where"));
        try (Kernel kernel = start(Map.of(), TestingFactory.step("remote", needsKey))) {
            PluginStatus s = status(kernel, "remote");
            assertEquals(PluginStatus.State.FAILED, s.state());
            assertTrue(s.message().contains("quire.workflow-steps.remote.endpoint"), s.message());
            assertTrue(kernel.providers(WorkflowStep.class).isEmpty());
        }
    }

    @Test
    void duplicateIdFailsNamingBothSources() {
        KernelException e = assertThrows(KernelException.class, () -> start(Map.of(),
                TestingFactory.chunker("words", spec()), TestingFactory.chunker("words", spec())));
        assertTrue(e.getMessage().contains("duplicate plugin id: chunker 'words' is provided by both"), e.getMessage());
    }

    @Test
    void incompatibleSpiVersionIsFailedUnlessConfigured() {
        try (Kernel kernel = start(Map.of(), TestingFactory.chunker("old", spec().spiVersion("0.9")))) {
            PluginStatus s = status(kernel, "old");
            assertEquals(PluginStatus.State.FAILED, s.state());
            assertTrue(s.message().contains("compiled against SPI 0.9"), s.message());
        }
        KernelException e = assertThrows(KernelException.class, () -> start(Map.of("quire.chunker.provider", "old"),
                TestingFactory.chunker("old", spec().spiVersion("99.0"))));
        assertTrue(e.getMessage().contains("quire.chunker.provider = old but that plugin cannot be used"), e.getMessage());
        assertTrue(e.getMessage().contains("compiled against SPI 99.0 but this server provides SPI 1.0"), e.getMessage());
    }

    @Test
    void statusesAndProviderLookups() {
        try (Kernel kernel = start(Map.of("quire.chunker.provider", "words"), TestingFactory.chunker("words", spec()),
                TestingFactory.chunker("lines", spec()), TestingFactory.reranker("cross", spec()))) {
            assertEquals(PluginStatus.State.ACTIVE, status(kernel, "words").state());
            assertEquals("true", status(kernel, "words").info().details().get("fake"));
            assertEquals("boot", status(kernel, "words").source());
            assertEquals(PluginStatus.State.LOADED, status(kernel, "lines").state());
            assertEquals(PluginStatus.State.LOADED, status(kernel, "cross").state());
            assertTrue(kernel.provider(Reranker.class).isEmpty(), "absent provider key means none");
            assertEquals(1, kernel.providers(Chunker.class).size());
            assertThrows(IllegalArgumentException.class, () -> kernel.provider(WorkflowStep.class));
        }
        try (Kernel kernel = start(Map.of("quire.chunker.provider", "none"), TestingFactory.chunker("words", spec()))) {
            assertTrue(kernel.provider(Chunker.class).isEmpty());
        }
    }

    @Test
    void unknownProviderIdListsWhatIsAvailable() {
        KernelException e = assertThrows(KernelException.class, () -> start(Map.of("quire.chunker.provider", "sentences"),
                TestingFactory.chunker("words", spec()), TestingFactory.chunker("lines", spec())));
        assertEquals("quire.chunker.provider = sentences but no chunker plugin with that id is installed "
                + "(available: words, lines)", e.getMessage());
    }

    private static PluginStatus status(Kernel kernel, String id) {
        return kernel.plugins().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }
}
