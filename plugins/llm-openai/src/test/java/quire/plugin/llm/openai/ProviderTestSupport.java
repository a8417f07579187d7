package quire.plugin.llm.openai;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import quire.spi.completion.ChatMessage;
import quire.spi.completion.CompletionProvider;
import quire.spi.completion.CompletionRequest;
import quire.spi.testkit.TestingPluginConfig;
import quire.spi.testkit.TestingPluginContext;

/** A fake server per test and providers created through the factory, closed after each test. */
abstract class ProviderTestSupport {
    static final String PROMPT = "What does the quarterly report say about revenue?";

    @TempDir
    Path dataDirectory;
    FakeChatServer server;
    private TestingPluginContext context;
    private final List<CompletionProvider> providers = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeChatServer();
        context = TestingPluginContext.of(dataDirectory, "openai");
    }

    @AfterEach
    void stopServer() throws Exception {
        for (CompletionProvider provider : providers) {
            provider.close();
        }
        server.close();
        context.close();
    }

    /** A provider for the fake server: fast retries, a short timeout, model {@code test-model}. */
    CompletionProvider provider(Map<String, String> settings) {
        return provider(server.baseUrl(), settings);
    }

    CompletionProvider provider(String baseUrl, Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(Map.of("base-url", baseUrl, "model", "test-model",
                "retry-backoff", "1ms", "timeout", "5s"));
        values.putAll(settings);
        OpenAiCompletionProviderFactory factory = new OpenAiCompletionProviderFactory();
        CompletionProvider provider = factory.create(
                TestingPluginConfig.of("quire.completion.openai", factory.configProperties(), values), context);
        providers.add(provider);
        return provider;
    }

    static CompletionRequest ask(String question) {
        return CompletionRequest.of(List.of(ChatMessage.system("You answer from the given context."), ChatMessage.user(question)));
    }
}
