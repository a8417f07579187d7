/**
 * Quire's in-process vector index: an HNSW graph (built by hnswlib-core, searched by our own
 * walk) over normalised chunk embeddings kept as 16-bit codes, an exact SIMD scan over
 * candidate sets for selective filters, a versioned snapshot format of its own (no Java serialisation), and the
 * synchroniser that keeps the index a faithful cache of the database.
 *
 * <p>The JDK Vector API ({@code jdk.incubator.vector}) is optional: run with
 * {@code --add-modules jdk.incubator.vector} to get the SIMD distance; without it a scalar
 * distance is chosen when the index classes load.
 */
module quire.index {
    requires transitive quire.spi;
    requires hnswlib.core;
    requires org.eclipse.collections.api;
    requires org.eclipse.collections.impl;
    requires static jdk.incubator.vector;

    exports quire.index;
}
