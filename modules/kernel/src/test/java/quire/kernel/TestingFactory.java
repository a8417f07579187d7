package quire.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import quire.spi.ConfigProperty;
import quire.spi.ExtensionPoint;
import quire.spi.PluginConfig;
import quire.spi.PluginContext;
import quire.spi.Provider;
import quire.spi.ProviderFactory;
import quire.spi.ProviderInfo;
import quire.spi.SpiVersion;
import quire.spi.chunker.Chunker;
import quire.spi.chunker.ChunkerFactory;
import quire.spi.chunker.ChunkingOptions;
import quire.spi.chunker.TextChunk;
import quire.spi.parser.Section;
import quire.spi.rerank.Reranker;
import quire.spi.rerank.RerankerFactory;
import quire.spi.workflow.WorkflowStep;
import quire.spi.workflow.WorkflowStepFactory;

/**
 * Hand-written factories for in-process kernel tests. Each records "create:&lt;id&gt;" and
 * "close:&lt;id&gt;" into a shared event list and keeps the config and context it was given.
 */
final class TestingFactory {
    /** What a test wants a factory to do when created. */
    interface OnCreate {
        void run(PluginConfig config, PluginContext context) throws Exception;
    }

    /** Shared knobs of every fake factory. */
    static final class Spec {
        final List<String> events;
        List<ConfigProperty> properties = List.of();
        Set<ExtensionPoint> dependsOn = Set.of();
        String spiVersion = SpiVersion.CURRENT;
        OnCreate onCreate = (c, x) -> { };
        PluginConfig config;
        PluginContext context;

        Spec(List<String> events) {
            this.events = events;
        }

        Spec properties(ConfigProperty... p) {
            properties = List.of(p);
            return this;
        }

        Spec dependsOn(ExtensionPoint... p) {
            dependsOn = Set.of(p);
            return this;
        }

        Spec spiVersion(String v) {
            spiVersion = v;
            return this;
        }

        Spec onCreate(OnCreate c) {
            onCreate = c;
            return this;
        }
    }

    private TestingFactory() {
    }

    static List<String> events() {
        return Collections.synchronizedList(new ArrayList<>());
    }

    /** Base of the fakes: the factory side. */
    abstract static class Base<P extends Provider> implements ProviderFactory<P> {
        final String id;
        final Spec spec;

        Base(String id, Spec spec) {
            this.id = id;
            this.spec = spec;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String description() {
            return "test fake " + id;
        }

        @Override
        public String spiVersion() {
            return spec.spiVersion;
        }

        @Override
        public List<ConfigProperty> configProperties() {
            return spec.properties;
        }

        @Override
        public Set<ExtensionPoint> dependsOn() {
            return spec.dependsOn;
        }

        @Override
        public P create(PluginConfig config, PluginContext context) throws Exception {
            spec.config = config;
            spec.context = context;
            spec.onCreate.run(config, context);
            spec.events.add("create:" + id);
            return make();
        }

        abstract P make();

        ProviderInfo info() {
            return new ProviderInfo(id, Map.of("fake", "true"));
        }

        void closed() {
            spec.events.add("close:" + id);
        }
    }

    static ChunkerFactory chunker(String name, Spec given) {
        final class F extends Base<Chunker> implements ChunkerFactory {
            F() {
                super(name, given);
            }

            @Override
            Chunker make() {
                return new Chunker() {
                    @Override
                    public List<TextChunk> chunk(List<Section> sections, ChunkingOptions options) {
                        return List.of();
                    }

                    @Override
                    public ProviderInfo info() {
                        return F.this.info();
                    }

                    @Override
                    public void close() {
                        closed();
                    }
                };
            }
        }
        return new F();
    }

    static RerankerFactory reranker(String name, Spec given) {
        final class F extends Base<Reranker> implements RerankerFactory {
            F() {
                super(name, given);
            }

            @Override
            Reranker make() {
                return new Reranker() {
                    @Override
                    public List<Double> score(String query, List<String> passages) {
                        return List.of();
                    }

                    @Override
                    public ProviderInfo info() {
                        return F.this.info();
                    }

                    @Override
                    public void close() {
                        closed();
                    }
                };
            }
        }
        return new F();
    }

    static WorkflowStepFactory step(String name, Spec given) {
        final class F extends Base<WorkflowStep> implements WorkflowStepFactory {
            F() {
                super(name, given);
            }

            @Override
            WorkflowStep make() {
                return new WorkflowStep() {
                    @Override
                    public String parametersSchema() {
                        return "{}";
                    }

                    @Override
                    public StepResult run(StepInput input) {
                        return new StepResult("{}", Map.of());
                    }

                    @Override
                    public ProviderInfo info() {
                        return F.this.info();
                    }

                    @Override
                    public void close() {
                        closed();
                    }
                };
            }
        }
        return new F();
    }
}
