package quire.api.http;

/** Placeholder until the routes land; registers nothing yet. */
public final class DocumentUpdateRoutes implements ApiRoutes {
    private final QuireServices services;

    public DocumentUpdateRoutes(QuireServices services) {
        this.services = services;
    }

    @Override
    public void register(ApiRouter router) {
        java.util.Objects.requireNonNull(services);
    }
}
