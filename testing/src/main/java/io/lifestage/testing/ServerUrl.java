package io.lifestage.testing;

/** A PostgreSQL JDBC URL whose database part can be swapped, keeping host, port and options. */
record ServerUrl(String url) {

    private static final String PREFIX = "jdbc:postgresql://";

    ServerUrl {
        if (!url.startsWith(PREFIX) || url.indexOf('/', PREFIX.length()) < 0) {
            throw new IllegalArgumentException("'" + url + "' is not a PostgreSQL JDBC URL of the form "
                    + PREFIX + "HOST:PORT/DATABASE?user=USER");
        }
    }

    /** The same URL naming another database. */
    String withDatabase(String database) {
        int pathStart = url.indexOf('/', PREFIX.length()) + 1;
        int query = url.indexOf('?', pathStart);
        return url.substring(0, pathStart) + database + (query < 0 ? "" : url.substring(query));
    }
}
