package quire.api.http;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * One dependency {@code /health} checks (spec §1.2), e.g. {@code storage} over
 * {@code StorageBackend.ping()}. A failing critical probe makes the server {@code unhealthy};
 * any other failing probe makes it {@code degraded}.
 */
public interface HealthProbe {

    /** @return the service name in {@code services[].name} */
    String name();

    /** @return true when the server cannot work without it (the database) */
    boolean critical();

    /**
     * @return true when healthy
     * @throws Exception counted as unhealthy; only the exception's class is shown to clients
     */
    boolean check() throws Exception;

    /**
     * @return facts shown as {@code services[].details} while healthy (e.g. the vector index's size
     *         and snapshot state), or null; never secrets or document text
     */
    default jakarta.json.JsonObject details() {
        return null;
    }

    /** @return this probe with {@link #details()} from {@code details} */
    default HealthProbe withDetails(java.util.function.Supplier<jakarta.json.JsonObject> details) {
        HealthProbe self = this;
        return new HealthProbe() {
            @Override
            public String name() {
                return self.name();
            }

            @Override
            public boolean critical() {
                return self.critical();
            }

            @Override
            public boolean check() throws Exception {
                return self.check();
            }

            @Override
            public jakarta.json.JsonObject details() {
                return details.get();
            }
        };
    }

    /** @return a probe from a lambda */
    static HealthProbe of(String name, boolean critical, Callable<Boolean> check) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        return new HealthProbe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean critical() {
                return critical;
            }

            @Override
            public boolean check() throws Exception {
                return Boolean.TRUE.equals(check.call());
            }
        };
    }
}
