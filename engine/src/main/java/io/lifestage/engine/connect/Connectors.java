package io.lifestage.engine.connect;

import io.lifestage.api.spi.ConnectorProvider;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The connector providers installed on the class path, by type; two providers of one type stop the start. */
public final class Connectors {

    private final Map<String, ConnectorProvider> byType = new TreeMap<>();

    private Connectors(Iterable<ConnectorProvider> providers) {
        for (ConnectorProvider provider : providers) {
            ConnectorProvider previous = byType.putIfAbsent(provider.type(), provider);
            if (previous != null) {
                throw new IllegalStateException("LS-PLUG-0002 two connector plugins have the type '" + provider.type()
                        + "': " + previous.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
    }

    /** The providers the class loader's {@code META-INF/services} files list. */
    public static Connectors installed(ClassLoader loader) {
        return new Connectors(ServiceLoader.load(ConnectorProvider.class, loader));
    }

    /** The provider of a type, or a clear error listing the installed types. */
    public ConnectorProvider provider(String type) {
        ConnectorProvider provider = byType.get(type);
        if (provider == null) {
            throw new IllegalArgumentException("LS-PLUG-0001 no connector plugin of type '" + type + "' is installed"
                    + " (installed: " + (byType.isEmpty() ? "none" : String.join(", ", byType.keySet())) + ")");
        }
        return provider;
    }
}
