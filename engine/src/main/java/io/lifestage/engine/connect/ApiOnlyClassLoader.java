package io.lifestage.engine.connect;

/**
 * The parent of every plugin class loader: it sees the JDK (through the platform loader) and the
 * {@code io.lifestage.api} packages of the engine, nothing else. So a plugin links against the same SPI types as the
 * engine, cannot reach engine internals or the engine's libraries, and may bundle any version of any library.
 */
final class ApiOnlyClassLoader extends ClassLoader {

    private static final String API_PACKAGE = "io.lifestage.api.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader api;

    /** A parent loader delegating the API packages to {@code api}, the loader that defined the engine's SPI. */
    ApiOnlyClassLoader(ClassLoader api) {
        super("lifestage-plugin-api", ClassLoader.getPlatformClassLoader());
        this.api = api;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE)) {
            return api.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
