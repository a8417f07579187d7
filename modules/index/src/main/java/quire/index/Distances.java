package quire.index;

import java.util.Optional;

/**
 * Chooses the dot product once, when this class loads: the Vector API one when the module
 * {@code jdk.incubator.vector} was added to the boot layer ({@code --add-modules
 * jdk.incubator.vector}), the scalar one otherwise or when the system property
 * {@code quire.index.scalar} is {@code true}.
 */
final class Distances {
    /** The dot product the index uses. */
    static final DotProduct DOT = select();

    private Distances() {
    }

    static DotProduct scalar() {
        return new ScalarDotProduct();
    }

    /** @return the SIMD dot product when the Vector API is available */
    static Optional<DotProduct> simd() {
        Optional<Module> vector = ModuleLayer.boot().findModule("jdk.incubator.vector");
        if (vector.isEmpty()) {
            return Optional.empty();
        }
        try {
            Module self = Distances.class.getModule();
            if (!self.canRead(vector.get())) {
                // "requires static" only reads modules that were resolved with this one; add the edge ourselves
                self.addReads(vector.get());
            }
            DotProduct simd = new SimdDotProduct();
            simd.dot(new float[1], new short[1]);
            return Optional.of(simd);
        } catch (LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static DotProduct select() {
        if (Boolean.getBoolean("quire.index.scalar")) {
            return scalar();
        }
        return simd().orElseGet(Distances::scalar);
    }
}
