package quire.kernel;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.EnumMap;
import java.util.Map;
import quire.spi.ExtensionPoint;
import quire.spi.Provider;
import quire.spi.ProviderFactory;

/**
 * Maps provider interfaces ({@code Embedder.class}) to their extension point, read from the
 * {@code ProviderFactory<P>} type argument of each point's factory interface so the SPI stays the
 * single source of truth.
 */
final class ProviderTypes {
    private static final Map<ExtensionPoint, Class<?>> TYPES = new EnumMap<>(ExtensionPoint.class);

    static {
        for (ExtensionPoint point : ExtensionPoint.values()) {
            TYPES.put(point, providerType(point.factoryType()));
        }
    }

    private ProviderTypes() {
    }

    /** @return the point whose provider interface is {@code type} */
    static ExtensionPoint pointOf(Class<?> type) {
        for (Map.Entry<ExtensionPoint, Class<?>> e : TYPES.entrySet()) {
            if (e.getValue() == type) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException(type.getName() + " is not the provider interface of an extension point");
    }

    /** @return the provider interface of a point */
    static Class<?> typeOf(ExtensionPoint point) {
        return TYPES.get(point);
    }

    private static Class<?> providerType(Class<?> factoryType) {
        for (Type t : factoryType.getGenericInterfaces()) {
            if (t instanceof ParameterizedType pt && pt.getRawType() == ProviderFactory.class
                    && pt.getActualTypeArguments()[0] instanceof Class<?> c) {
                return c;
            }
        }
        // every SPI factory interface extends ProviderFactory<Xxx> directly; keep a safe fallback
        return Provider.class;
    }
}
