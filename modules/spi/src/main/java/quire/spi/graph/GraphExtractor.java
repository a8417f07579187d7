package quire.spi.graph;

import java.util.List;

import quire.spi.Experimental;
import quire.spi.Provider;

/** Extracts entities and relationships from text for knowledge graphs. */
@Experimental
public interface GraphExtractor extends Provider {

    /**
     * @param text   one chunk of text
     * @param prompt optional extraction instructions, may be null
     * @return what was found
     */
    Extraction extract(String text, String prompt) throws Exception;

    /**
     * @param entities      e.g. {@code ("Ada Lovelace", "PERSON")}
     * @param relationships e.g. {@code (source label, target label, "worked with")}
     */
    record Extraction(List<Entity> entities, List<Relationship> relationships) {
    }

    record Entity(String label, String type) {
    }

    record Relationship(String sourceLabel, String targetLabel, String type) {
    }
}
