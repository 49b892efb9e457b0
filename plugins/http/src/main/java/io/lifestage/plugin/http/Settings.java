package io.lifestage.plugin.http;

import io.lifestage.api.spi.ConnectorContext;
import io.lifestage.api.spi.ConnectorException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Reads and checks this connector's settings, relying on the defaults the engine fills in from the declared keys,
 * and words failures so that they name the key. Every failure here is final: none is retriable.
 */
final class Settings {

    private Settings() {
    }

    static URI url(ConnectorContext context) {
        String value = context.requiredSetting(HttpConnectorProvider.URL).trim();
        try {
            URI uri = new URI(value);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw ConnectorException.fatal("setting '" + HttpConnectorProvider.URL.name()
                + "' must be an absolute http or https URL, got '" + shown(value) + "'");
    }

    /** A URL fit for messages and logs: without user info, query or fragment, which may hold credentials. */
    static String shown(URI uri) {
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return uri.getScheme() + "://" + uri.getHost() + port + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String shown(String url) {
        int query = url.indexOf('?');
        String withoutQuery = query < 0 ? url : url.substring(0, query);
        return withoutQuery.replaceFirst("//[^/@]*@", "//");
    }

    /** The first {@code max} characters of a response body, on one line, for a message or a reject reason. */
    static String excerpt(String body, int max) {
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() > max ? line.substring(0, max) : line;
    }
}
