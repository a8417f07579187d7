package quire.index;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.eclipse.collections.api.list.primitive.MutableIntList;
import org.eclipse.collections.api.map.primitive.MutableObjectIntMap;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;

import quire.spi.storage.ChunkKey;

/**
 * Reads and restores the graph inside hnswlib-core 1.2.1's {@link HnswIndex}, whose only
 * persistence is Java serialisation (which Quire does not use). hnswlib-core is an automatic
 * module, so its packages are open to reflection. When its internals differ from what this
 * class expects (another version), {@link #AVAILABLE} is false and snapshots keep vectors only.
 */
final class HnswGraphAccess {
    private static final String NODE_CLASS = "com.github.jelmerk.hnswlib.core.hnsw.HnswIndex$Node";

    /** Whether the graph can be copied out and restored. */
    static final boolean AVAILABLE;
    private static final Field NODES;
    private static final Field NODE_COUNT;
    private static final Field ENTRY_POINT;
    private static final Field LOOKUP;
    private static final Field NODE_ID;
    private static final Field NODE_CONNECTIONS;
    private static final Field NODE_ITEM;
    private static final Field NODE_DELETED;
    private static final Constructor<?> NODE_CONSTRUCTOR;

    static {
        Field nodes = null, nodeCount = null, entryPoint = null, lookup = null;
        Field id = null, connections = null, item = null, deleted = null;
        Constructor<?> constructor = null;
        boolean available;
        try {
            nodes = open(HnswIndex.class.getDeclaredField("nodes"), AtomicReferenceArray.class);
            nodeCount = open(HnswIndex.class.getDeclaredField("nodeCount"), int.class);
            lookup = open(HnswIndex.class.getDeclaredField("lookup"), MutableObjectIntMap.class);
            Class<?> node = Class.forName(NODE_CLASS, false, HnswIndex.class.getClassLoader());
            entryPoint = open(HnswIndex.class.getDeclaredField("entryPoint"), node);
            id = open(node.getDeclaredField("id"), int.class);
            connections = open(node.getDeclaredField("connections"), MutableIntList[].class);
            item = open(node.getDeclaredField("item"), Object.class);
            deleted = open(node.getDeclaredField("deleted"), boolean.class);
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

    private static Field open(Field field, Class<?> expectedType) throws NoSuchFieldException {
        if (field.getType() != expectedType) {
            throw new NoSuchFieldException(field.getName() + " is a " + field.getType());
        }
        field.setAccessible(true);
        return field;
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
        try {
            AtomicReferenceArray<?> nodes = (AtomicReferenceArray<?>) NODES.get(graph);
            int count = NODE_COUNT.getInt(graph);
            ChunkItem[] items = new ChunkItem[count];
            boolean[] deleted = new boolean[count];
            int[][][] links = withLinks ? new int[count][][] : null;
            for (int i = 0; i < count; i++) {
                Object node = nodes.get(i);
                items[i] = (ChunkItem) NODE_ITEM.get(node);
                deleted[i] = NODE_DELETED.getBoolean(node);
                if (withLinks) {
                    MutableIntList[] layers = (MutableIntList[]) NODE_CONNECTIONS.get(node);
                    int[][] copy = new int[layers.length][];
                    for (int l = 0; l < layers.length; l++) {
                        copy[l] = layers[l].toArray();
                    }
                    links[i] = copy;
                }
            }
            Object entry = ENTRY_POINT.get(graph);
            int entryPoint = entry == null ? -1 : NODE_ID.getInt(entry);
            return new GraphImage(items, deleted, links, entryPoint);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the nodes the graph holds, removed ones included */
    static int nodeCount(HnswIndex<ChunkKey, Object, ChunkItem, Float> graph) {
        try {
            return NODE_COUNT.getInt(graph);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
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
            NODE_COUNT.setInt(graph, count);
            ENTRY_POINT.set(graph, image.entryPoint() < 0 ? null : nodes.get(image.entryPoint()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
