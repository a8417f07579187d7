import java.io.OutputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;

import com.sun.net.httpserver.HttpServer;

import quire.spi.ConfigProperty;
import quire.spi.PluginConfig;
import quire.spi.PluginContext;
import quire.spi.Provider;
import quire.spi.SpiVersion;
import quire.spi.completion.ChatMessage;
import quire.spi.completion.CompletionProvider;
import quire.spi.completion.CompletionProviderFactory;
import quire.spi.completion.CompletionRequest;
import quire.spi.completion.CompletionResult;

/**
 * Run by PluginLayerIT in a fresh JVM whose boot layer holds only the JDK and quire.spi, as in
 * the distribution. Loads the plugin folder as one layer the way the kernel does (every module a
 * root, one class loader; the thread context class loader cannot see the layer), then completes
 * and streams against a tiny OpenAI-compatible server started here.
 * Arguments: plugin jar, then the runtime-jar folder unless the boot layer already has those jars.
 */
public class LayerProbe {
    public static void main(String[] args) throws Exception {
        ModuleFinder finder = args.length > 1 ? ModuleFinder.of(Path.of(args[0]), Path.of(args[1])) : ModuleFinder.of(Path.of(args[0]));
        Set<String> roots = new TreeSet<>();
        for (ModuleReference ref : finder.findAll()) {
            roots.add(ref.descriptor().name());
        }
        ModuleLayer boot = ModuleLayer.boot();
        Configuration cf = boot.configuration().resolve(finder, ModuleFinder.of(), roots);
        ModuleLayer layer = ModuleLayer.defineModulesWithOneLoader(cf, List.of(boot), ClassLoader.getSystemClassLoader()).layer();
        List<CompletionProviderFactory> factories = ServiceLoader.load(layer, CompletionProviderFactory.class).stream()
            .filter(p -> p.type().getModule().getLayer() == layer).map(ServiceLoader.Provider::get).toList();
        if (factories.size() != 1) {
            throw new IllegalStateException("expected one CompletionProviderFactory in the layer, found " + factories.size());
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean stream = body.contains("\"stream\":true");
            String reply = stream
                ? "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Layer \"}}]}\n\n"
                    + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"streams\"},\"finish_reason\":\"stop\"}]}\n\n"
                    + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":2}}\n\ndata: [DONE]\n\n"
                : body.contains("response_format")
                    ? "{\"model\":\"probe\",\"choices\":[{\"message\":{\"content\":\"```json\\n{\\\"ok\\\":true}\\n```\"},\"finish_reason\":\"stop\"}]}"
                    : "{\"model\":\"probe\",\"choices\":[{\"message\":{\"content\":\"Layer works\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}";
            exchange.getResponseHeaders().add("Content-Type", stream ? "text/event-stream" : "application/json");
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        CompletionProviderFactory factory = factories.get(0);
        Map<String, String> values = new HashMap<>();
        for (ConfigProperty p : factory.configProperties()) {
            if (p.defaultValue() != null) {
                values.put(p.name(), p.defaultValue());
            }
        }
        values.put("base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        values.put("model", "probe-model");
        try (CompletionProvider provider = factory.create(new MapConfig(values), new MinimalContext())) {
            List<ChatMessage> messages = List.of(ChatMessage.user("hello"));
            CompletionResult plain = provider.complete(CompletionRequest.of(messages));
            StringBuilder deltas = new StringBuilder();
            CompletionResult streamed = provider.stream(CompletionRequest.of(messages), d -> deltas.append('[').append(d).append(']'));
            CompletionResult json = provider.complete(CompletionRequest.of(messages).withJsonSchema("{\"type\":\"object\"}"));
            System.out.println("factory=" + factory.id() + " module=" + provider.getClass().getModule().getName()
                + " layer=" + (provider.getClass().getModule().getLayer() == layer) + " modules=" + roots.size());
            System.out.println("complete=" + plain.text() + " tokens=" + plain.totalTokens());
            System.out.println("stream=" + deltas + " tokens=" + streamed.totalTokens());
            System.out.println("json=" + json.text());
        } finally {
            server.stop(0);
        }
    }

    record MapConfig(Map<String, String> values) implements PluginConfig {
        public String path() { return "quire.completion.openai"; }
        public Set<String> keys() { return values.keySet(); }
        public Optional<String> string(String key) { return Optional.ofNullable(values.get(key)); }
        public int intValue(String key) { return Integer.parseInt(requireString(key)); }
        public long longValue(String key) { return Long.parseLong(requireString(key)); }
        public double doubleValue(String key) { return Double.parseDouble(requireString(key)); }
        public boolean booleanValue(String key) { return Boolean.parseBoolean(requireString(key)); }
        public Duration duration(String key) {
            String v = requireString(key);
            return v.endsWith("ms") ? Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)))
                : Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
        }
        public long size(String key) { throw new IllegalStateException(key); }
        public Path pathValue(String key) { throw new IllegalStateException(key); }
        public List<String> list(String key) { throw new IllegalStateException(key); }
    }

    record MinimalContext() implements PluginContext {
        public Path dataDirectory() { return Path.of("."); }
        public Path serverDataDirectory() { return Path.of("."); }
        public ExecutorService executor(String name) { throw new UnsupportedOperationException(); }
        public Clock clock() { return Clock.systemUTC(); }
        public System.Logger logger() { return System.getLogger("probe"); }
        public String spiVersion() { return SpiVersion.CURRENT; }
        public <P extends Provider> Optional<P> provider(Class<P> type) { return Optional.empty(); }
    }
}
