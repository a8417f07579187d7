package quire.kernel;

import java.util.List;

/**
 * One raw configuration value before typing: either text or a YAML list, with where it came from
 * so error messages can point the operator at the right place.
 *
 * @param text   the text, or null when the value is a list node
 * @param list   the list items, or null when the value is text
 * @param origin e.g. {@code config file}, {@code environment QUIRE_SERVER_PORT}, {@code override}
 */
record ConfigValue(String text, List<String> list, String origin) {

    static ConfigValue text(String text, String origin) {
        return new ConfigValue(text, null, origin);
    }

    static ConfigValue list(List<String> list, String origin) {
        return new ConfigValue(null, List.copyOf(list), origin);
    }

    /** @return the value as one string; list items are joined with commas */
    String asText() {
        return text != null ? text : String.join(",", list);
    }

    /** An empty string counts as unset, so {@code key: ""} in YAML falls back to the default. */
    boolean isBlank() {
        return text != null ? text.isBlank() : list.isEmpty();
    }
}
