package quire.spi;

/**
 * The version of this SPI.
 *
 * <p>{@link #CURRENT} is a compile-time constant, so a plugin that returns it from
 * {@link ProviderFactory#spiVersion()} carries the version it was compiled against, even when
 * it later runs against a newer host. The host accepts a plugin whose major version equals
 * {@link #MAJOR} and whose minor version is not greater than {@link #MINOR}.
 */
public final class SpiVersion {
    /** Incremented on any incompatible change. */
    public static final int MAJOR = 1;
    /** Incremented when members are added compatibly. */
    public static final int MINOR = 0;
    /** {@code MAJOR.MINOR}, inlined into plugins at compile time. */
    public static final String CURRENT = MAJOR + "." + MINOR;

    private SpiVersion() {
    }

    /**
     * Tells whether a plugin compiled against {@code pluginVersion} may run on this SPI.
     *
     * @param pluginVersion the version a factory reports, {@code MAJOR.MINOR}
     * @return true when compatible
     */
    public static boolean isCompatible(String pluginVersion) {
        if (pluginVersion == null) {
            return false;
        }
        String[] parts = pluginVersion.trim().split("\\.");
        if (parts.length != 2) {
            return false;
        }
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = Integer.parseInt(parts[1]);
            return major == MAJOR && minor >= 0 && minor <= MINOR;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
