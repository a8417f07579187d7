package quire.api.http;

/**
 * One area of the API (ping, health, documents, folders ...). Each area is a small class that
 * registers its routes; the server lists the areas it serves.
 */
@FunctionalInterface
public interface ApiRoutes {

    /** Registers this area's routes. */
    void register(ApiRouter router);
}
