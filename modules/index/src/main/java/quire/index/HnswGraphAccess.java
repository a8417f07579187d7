package quire.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Constructor;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.eclipse.collections.api.list.primitive.MutableIntList;
import org.eclipse.collections.api.map.primitive.MutableObjectIntMap;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;

import quire.spi.storage.ChunkKey;

/**
 * The way into hnswlib-core 1.2.1's {@link HnswIndex}: copies and restores its graph, whose only
 * persistence is Java serialisation (which Quire does not use), and holds the handles
 * {@link GraphWalk} reads it through. hnswlib-core is an automatic module, so its packages are
 * open to reflection. When its internals differ from what this class expects (another version),
 * {@link #AVAILABLE} is false: snapshots keep vectors only and searches use hnswlib's own.
 */
final class HnswGraphAccess {
    private static final String NODE_CLASS = "com.github.jelmerk.hnswlib.core.hnsw.HnswIndex$Node";

    /** Whether the graph can be copied out, restored and walked ({@link GraphWalk}). */
    static final boolean AVAILABLE;
    /** HnswIndex.nodes, an AtomicReferenceArray of nodes by id */
    static final VarHandle NODES;
    private static final VarHandle NODE_COUNT;
    /** HnswIndex.entryPoint (volatile), the top node */
    static final VarHandle ENTRY_POINT;
    private static final VarHandle LOOKUP;
    /** Node.id */
    static final VarHandle NODE_ID;
    /** Node.connections, a MutableIntList per level (read under the node's monitor) */
    static final VarHandle NODE_CONNECTIONS;
    /** Node.item (volatile), the {@link ChunkItem} */
    static final VarHandle NODE_ITEM;
    /** Node.deleted (volatile) */
    static final VarHandle NODE_DELETED;
    private static final Constructor<?> NODE_CONSTRUCTOR;

    static {
        VarHandle nodes = null, nodeCount = null, entryPoint = null, lookup = null;
        VarHandle id = null, connections = null, item = null, deleted = null;
        Constructor<?> constructor = null;
        boolean available;
        try {
            // findVarHandle wants the exact field type: another hnswlib version fails here, not later
            MethodHandles.Lookup graph = MethodHandles.privateLookupIn(HnswIndex.class, MethodHandles.lookup());
            Class<?> node = Class.forName(NODE_CLASS, false, HnswIndex.class.getClassLoader());
            nodes = graph.findVarHandle(HnswIndex.class, "nodes", AtomicReferenceArray.class);
            nodeCount = graph.findVarHandle(HnswIndex.class, "nodeCount", int.class);
            lookup = graph.findVarHandle(HnswIndex.class, "lookup", MutableObjectIntMap.class);
            entryPoint = graph.findVarHandle(HnswIndex.class, "entryPoint", node);
            MethodHandles.Lookup nodeLookup = MethodHandles.privateLookupIn(node, MethodHandles.lookup());
            id = nodeLookup.findVarHandle(node, "id", int.class);
            connections = nodeLookup.findVarHandle(node, "connections", MutableIntList[].class);
            item = nodeLookup.findVarHandle(node, "item", Object.class);
            deleted = nodeLookup.findVarHandle(node, "deleted", boolean.class);
            constructor = node.getDeclaredConstructor(int.class, MutableIntList[].class, Object.class, boolean.class);
            constructor.setAccessible(true);
            available = true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            available = false;
        }
        AVAILABLE = available;
        NODES = nodes;
        NODE_COUNT = nodeCount;
        ENTRY_POINT = entryPoint;
        LOOKUP = lookup;
        NODE_ID = id;
        NODE_CONNECTIONS = connections;
        NODE_ITEM = item;
        NODE_DELETED = deleted;
        NODE_CONSTRUCTOR = constructor;
    }

    private HnswGraphAccess() {
    }

    /**
     * Copies the graph. The caller holds the index exclusively, so no node changes meanwhile.
     *
     * @param withLinks false to copy keys and vectors only
     */
    static GraphImage copy(HnswIndex<ChunkKey, Object, ChunkItem, Float> graph, boolean withLinks) {
        if (!AVAILABLE) {
            throw new IllegalStateException("hnswlib internals are not accessible");
        }
        AtomicReferenceArray<?> nodes = (AtomicReferenceArray<?>) NODES.get(graph);
        int count = (int) NODE_COUNT.get(graph);
        ChunkItem[] items = new ChunkItem[count];
        boolean[] deleted = new boolean[count];
        int[][][] links = withLinks ? new int[count][][] : null;
        for (int i = 0; i < count; i++) {
            Object node = nodes.get(i);
            items[i] = (ChunkItem) NODE_ITEM.getVolatile(node);
            deleted[i] = (boolean) NODE_DELETED.getVolatile(node);
            if (withLinks) {
                MutableIntList[] layers = (MutableIntList[]) NODE_CONNECTIONS.get(node);
                int[][] copy = new int[layers.length][];
                for (int l = 0; l < layers.length; l++) {
                    copy[l] = layers[l].toArray();
                }
                links[i] = copy;
            }
        }
        Object entry = ENTRY_POINT.getVolatile(graph);
        int entryPoint = entry == null ? -1 : (int) NODE_ID.get(entry);
        return new GraphImage(items, deleted, links, entryPoint);
    }

    /** @return the nodes the graph holds, removed ones included */
    static int nodeCount(HnswIndex<ChunkKey, Object, ChunkItem, Float> graph) {
        return (int) NODE_COUNT.get(graph);
    }

    /**
     * Puts a copied graph into an empty index whose capacity holds it. The image was validated:
     * every link names an existing node and live keys are unique.
     */
    @SuppressWarnings("unchecked")
    static void restore(HnswIndex<ChunkKey, Object, ChunkItem, Float> graph, GraphImage image, int maxM0, int maxM) {
        if (!AVAILABLE || image.links() == null) {
            throw new IllegalStateException("no graph to restore");
        }
        try {
            AtomicReferenceArray<Object> nodes = (AtomicReferenceArray<Object>) NODES.get(graph);
            MutableObjectIntMap<ChunkKey> lookup = (MutableObjectIntMap<ChunkKey>) LOOKUP.get(graph);
            int count = image.nodeCount();
            for (int i = 0; i < count; i++) {
                int[][] layers = image.links()[i];
                MutableIntList[] connections = new IntArrayList[layers.length];
                for (int l = 0; l < layers.length; l++) {
                    // the same initial capacity hnswlib's add() gives, so later inserts behave alike
                    IntArrayList list = new IntArrayList(Math.max(layers[l].length, layers.length == 1 ? maxM0 : maxM));
                    list.addAll(layers[l]);
                    connections[l] = list;
                }
                ChunkItem item = image.items()[i];
                nodes.set(i, NODE_CONSTRUCTOR.newInstance(i, connections, item, image.deleted()[i]));
                if (!image.deleted()[i]) {
                    lookup.put(item.id(), i);
                }
            }
            NODE_COUNT.set(graph, count);
            ENTRY_POINT.set(graph, image.entryPoint() < 0 ? null : nodes.get(image.entryPoint()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
