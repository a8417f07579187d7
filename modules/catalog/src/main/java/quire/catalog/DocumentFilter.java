package quire.catalog;

import jakarta.json.JsonValue;

import quire.retrieval.FilterEvaluator;
import quire.retrieval.FilterException;
import quire.retrieval.FilterParser;
import quire.spi.filter.FilterNode;
import quire.spi.storage.DocumentRecord;

/**
 * A request's {@code document_filters} / {@code filters} (spec §3), parsed once by the retrieval
 * service's {@link FilterParser}: the whole Morphik filter language, including the reserved
 * {@code filename} key. Listings hand {@link #node()} to storage, which compiles it to SQL.
 *
 * @param node the parsed filter, or null for no filtering
 */
public record DocumentFilter(FilterNode node) {
    /** No filtering. */
    public static final DocumentFilter NONE = new DocumentFilter(null);

    /** @return true when nothing is filtered */
    public boolean isEmpty() {
        return node == null;
    }

    /** @return true when the document passes the filter (evaluated in memory) */
    public boolean matches(DocumentRecord document) {
        return FilterEvaluator.matches(node, document);
    }

    /**
     * @param filters the request's filter (Java null, JSON null, or a value)
     * @throws CatalogException 400 with the parser's message for any filter the language refuses
     */
    public static DocumentFilter parse(JsonValue filters) {
        try {
            FilterNode node = FilterParser.parse(filters);
            return node == null ? NONE : new DocumentFilter(node);
        } catch (FilterException e) {
            throw CatalogException.badRequest(e.getMessage());
        }
    }
}
