package quire.index;

/**
 * A consistent copy of an index's graph, node by node, as written to and read from a snapshot.
 * Removed nodes stay (flagged) because searches still route through them.
 *
 * @param items      each node's chunk key and encoded unit vector
 * @param deleted    whether each node was removed
 * @param links      per node, per layer, the neighbour node numbers; null when the graph is not kept
 * @param entryPoint the node searches start from, -1 when empty
 */
record GraphImage(ChunkItem[] items, boolean[] deleted, int[][][] links, int entryPoint) {

    int nodeCount() {
        return items.length;
    }

    int liveCount() {
        int live = 0;
        for (boolean d : deleted) {
            live += d ? 0 : 1;
        }
        return live;
    }
}
