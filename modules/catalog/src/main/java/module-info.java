/**
 * Quire catalog: the rules of documents and folders that do not depend on HTTP: canonical
 * folder paths and folder trees, typed metadata (spec §3.3) and the reserved metadata keys. Filters
 * are parsed by the retrieval service ({@code quire.retrieval}), which never depends on the catalog.
 */
module quire.catalog {
    requires quire.json;
    requires transitive quire.spi;
    requires transitive jakarta.json;
    requires transitive quire.retrieval;

    exports quire.catalog;
}
