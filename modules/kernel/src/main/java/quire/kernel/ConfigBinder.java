package quire.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import quire.spi.ConfigProperty;

/**
 * Merges configuration sources and checks them strictly. Every key the kernel knows (host keys,
 * {@code <point>.provider}, every loaded factory's keys) is declared first; then the values are
 * taken with the precedence overrides > environment > file > defaults. Any key set in the file or
 * in the overrides that nobody declared fails start-up with its full path.
 */
final class ConfigBinder {
    static final String ROOT = "quire";
    private static final String ENV_PREFIX = "QUIRE_";

    private final Map<String, ConfigValue> file;
    private final Map<String, String> environment;
    private final Map<String, String> overrides;
    private final SecretMasker masker;
    private final Map<String, ConfigProperty> declared = new TreeMap<>();
    private final java.util.Set<String> nodes = new java.util.HashSet<>();
    private final List<String> toleratedPrefixes = new ArrayList<>();
    private final Map<String, ConfigValue> effective = new LinkedHashMap<>();

    ConfigBinder(Map<String, ConfigValue> file, Map<String, String> environment, Map<String, String> overrides,
                 SecretMasker masker) {
        this.file = file;
        this.environment = environment;
        this.overrides = overrides;
        this.masker = masker;
    }

    /** Declares the keys of one node, e.g. node {@code quire.storage.jdbc} with key {@code url}. */
    void declare(String node, List<ConfigProperty> properties) {
        nodes.add(node);
        for (ConfigProperty p : properties) {
            declared.putIfAbsent(node + "." + p.name(), p);
        }
    }

    /** Keys under this node are skipped, not refused: they belong to a plugin that failed to load. */
    void tolerate(String node) {
        toleratedPrefixes.add(node + ".");
    }

    /** The environment variable for a full key: {@code quire.storage.jdbc.pool-size -> QUIRE_STORAGE_JDBC_POOL_SIZE}. */
    static String environmentName(String fullKey) {
        String rest = fullKey.startsWith(ROOT + ".") ? fullKey.substring(ROOT.length() + 1) : fullKey;
        return ENV_PREFIX + rest.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Computes the effective values and validates them: unknown keys, then types. Call after every
     * node is declared.
     */
    void bind() {
        for (Map.Entry<String, ConfigProperty> e : declared.entrySet()) {
            String key = e.getKey();
            ConfigValue v = null;
            if (overrides.containsKey(key)) {
                v = ConfigValue.text(overrides.get(key), "override");
            } else {
                String envName = environmentName(key);
                if (environment.containsKey(envName)) {
                    v = ConfigValue.text(environment.get(envName), "environment variable " + envName);
                } else if (file.containsKey(key)) {
                    v = file.get(key);
                }
            }
            if (v != null) {
                effective.put(key, v);
                if (e.getValue().secret()) {
                    masker.add(v.asText());
                    if (v.list() != null) {
                        v.list().forEach(masker::add);
                    }
                }
            }
        }
        checkUnknown(file.keySet(), "the configuration file");
        checkUnknown(overrides.keySet(), "the overrides");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : effective.entrySet()) {
            ConfigProperty p = declared.get(e.getKey());
            ConfigValue v = e.getValue();
            if (v.isBlank()) {
                continue;
            }
            String problem = ConfigTypes.problem(p.type(), v);
            if (problem != null) {
                String shown = p.secret() ? SecretMasker.MASK : "'" + v.asText() + "'";
                problems.add(e.getKey() + " = " + shown + " (from " + v.origin() + ") must be " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new KernelException(masker.mask("invalid configuration: " + String.join("; ", problems)));
        }
    }

    private void checkUnknown(Iterable<String> keys, String where) {
        TreeSet<String> unknown = new TreeSet<>();
        for (String key : keys) {
            if (!declared.containsKey(key) && toleratedPrefixes.stream().noneMatch(key::startsWith)) {
                unknown.add(key);
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("unknown configuration key");
        sb.append(unknown.size() > 1 ? "s " : " ").append(String.join(", ", unknown)).append(" in ").append(where);
        String hint = suggestion(unknown.first());
        if (hint != null) {
            sb.append(" (did you mean ").append(hint).append("?)");
        } else {
            String missing = missingPlugin(unknown.first());
            if (missing != null) {
                sb.append(" (").append(missing).append(")");
            }
        }
        throw new KernelException(masker.mask(sb.toString()));
    }

    /** A declared key with the same parent and a close spelling, for typos such as {@code urll}. */
    private String suggestion(String key) {
        int dot = key.lastIndexOf('.');
        String parent = dot < 0 ? "" : key.substring(0, dot + 1);
        String best = null;
        int bestDistance = 3;
        for (String candidate : declared.keySet()) {
            if (candidate.startsWith(parent) && candidate.indexOf('.', parent.length()) < 0) {
                int d = distance(key.substring(parent.length()), candidate.substring(parent.length()));
                if (d < bestDistance) {
                    bestDistance = d;
                    best = candidate;
                }
            }
        }
        return best;
    }

    /** For {@code quire.parsers.pdf.max-pages} with no pdf parser installed: say so. */
    private String missingPlugin(String key) {
        String[] parts = key.split("\\.");
        if (parts.length < 4) {
            return null;
        }
        String node = parts[0] + "." + parts[1] + "." + parts[2];
        for (quire.spi.ExtensionPoint point : quire.spi.ExtensionPoint.values()) {
            if (point.configKey().equals(parts[1]) && !nodes.contains(node)) {
                return "no " + point.configKey() + " plugin '" + parts[2] + "' is installed";
            }
        }
        return null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** @return the effective text of a declared key, or null when unset or blank */
    String text(String fullKey) {
        ConfigValue v = effective.get(fullKey);
        return v == null || v.isBlank() ? null : v.asText();
    }

    /**
     * @return true when any key under the node was set (file, environment or override). Environment
     * variables are matched by prefix, which for a node named like a longer id could over-match;
     * ids are short and distinct in practice.
     */
    boolean anySet(String node) {
        String prefix = node + ".";
        String envPrefix = environmentName(node) + "_";
        return effective.entrySet().stream().anyMatch(e -> e.getKey().startsWith(prefix) && !e.getValue().isBlank())
                // keys of a plugin that failed to load were tolerated, not declared: look at the raw sources
                || file.entrySet().stream().anyMatch(e -> e.getKey().startsWith(prefix) && !e.getValue().isBlank())
                || overrides.keySet().stream().anyMatch(k -> k.startsWith(prefix))
                || environment.keySet().stream().anyMatch(k -> k.startsWith(envPrefix));
    }

    /**
     * Builds the typed view of a node after checking required keys.
     *
     * @throws KernelException naming every missing required key
     */
    DefaultPluginConfig config(String node, List<ConfigProperty> properties, Path dataDirectory) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (ConfigProperty p : properties) {
            String key = node + "." + p.name();
            ConfigValue v = effective.get(key);
            if (v != null && !v.isBlank()) {
                values.put(p.name(), v);
            } else if (p.required() && (p.defaultValue() == null || p.defaultValue().isEmpty())) {
                missing.add(key + " (" + (p.doc().isEmpty() ? "" : p.doc() + "; ") + "or environment "
                        + environmentName(key) + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new KernelException(masker.mask("missing required configuration " + String.join(", ", missing)));
        }
        return new DefaultPluginConfig(node, properties, values, dataDirectory);
    }
}
