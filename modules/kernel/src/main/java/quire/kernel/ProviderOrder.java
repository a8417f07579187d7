package quire.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import quire.spi.ExtensionPoint;

/**
 * Orders the providers to create so every provider comes after the providers of the points it
 * lists in {@code dependsOn()}. A dependency on a point with no provider adds no edge (the
 * provider then sees an empty {@code PluginContext.provider}); a dependency on its own point is
 * ignored, since providers of one multiple point are peers.
 */
final class ProviderOrder {
    private ProviderOrder() {
    }

    static List<DiscoveredFactory> sort(List<DiscoveredFactory> selected) {
        Comparator<DiscoveredFactory> stable = Comparator.comparing((DiscoveredFactory f) -> f.point().ordinal())
                .thenComparing(DiscoveredFactory::id);
        List<DiscoveredFactory> nodes = new ArrayList<>(selected);
        nodes.sort(stable);
        Map<DiscoveredFactory, Set<DiscoveredFactory>> needs = new LinkedHashMap<>();
        for (DiscoveredFactory f : nodes) {
            Set<DiscoveredFactory> deps = new LinkedHashSet<>();
            for (ExtensionPoint p : f.factory().dependsOn()) {
                if (p == f.point()) {
                    continue;
                }
                for (DiscoveredFactory g : nodes) {
                    if (g.point() == p) {
                        deps.add(g);
                    }
                }
            }
            needs.put(f, deps);
        }
        List<DiscoveredFactory> order = new ArrayList<>();
        Set<DiscoveredFactory> done = new LinkedHashSet<>();
        while (order.size() < nodes.size()) {
            DiscoveredFactory next = null;
            for (DiscoveredFactory f : nodes) {
                if (!done.contains(f) && done.containsAll(needs.get(f))) {
                    next = f;
                    break;
                }
            }
            if (next == null) {
                throw new KernelException("dependsOn cycle between providers: " + cycle(nodes, done, needs));
            }
            done.add(next);
            order.add(next);
        }
        return order;
    }

    /** Walks unresolved dependencies until one repeats, for a message the operator can act on. */
    private static String cycle(List<DiscoveredFactory> nodes, Set<DiscoveredFactory> done,
                                Map<DiscoveredFactory, Set<DiscoveredFactory>> needs) {
        DiscoveredFactory start = nodes.stream().filter(f -> !done.contains(f)).findFirst().orElseThrow();
        List<DiscoveredFactory> path = new ArrayList<>();
        DiscoveredFactory cur = start;
        while (!path.contains(cur)) {
            path.add(cur);
            cur = needs.get(cur).stream().filter(f -> !done.contains(f)).findFirst().orElseThrow();
        }
        List<String> names = new ArrayList<>();
        for (DiscoveredFactory f : path.subList(path.indexOf(cur), path.size())) {
            names.add(f.point().configKey() + " '" + f.id() + "'");
        }
        names.add(cur.point().configKey() + " '" + cur.id() + "'");
        return String.join(" -> ", names);
    }
}
