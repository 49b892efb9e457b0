package io.lifestage.engine.store;

import io.lifestage.engine.internal.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fact's maps as JSON with every object's keys in order, written character by character: the text Jackson writes
 * with {@code ORDER_MAP_ENTRIES_BY_KEYS}, which a fact's key digests, at a fraction of its cost (every fact of an
 * import is written so). Values of other types than a parsed JSON document holds are left to Jackson.
 */
final class CanonicalJson {

    private CanonicalJson() {
    }

    /** The JSON text of a map, or empty when it holds a value of a type this writer leaves to Jackson. */
    static Optional<String> write(Map<String, ?> map) {
        StringBuilder out = new StringBuilder(64);
        return value(out, map) ? Optional.of(out.toString()) : Optional.empty();
    }

    private static boolean value(StringBuilder out, Object value) {
        if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger
                || value instanceof BigDecimal) {
            out.append(value);
        } else if (value instanceof String text) {
            Json.appendQuoted(out, text);
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isFinite(number)) {
                out.append(value);
            } else {
                out.append('"').append(value).append('"');
            }
        } else if (value instanceof Map<?, ?> map) {
            return object(out, map);
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object element : list) {
                out.append(first ? "" : ",");
                first = false;
                if (!value(out, element)) {
                    return false;
                }
            }
            out.append(']');
        } else {
            return false;
        }
        return true;
    }

    private static boolean object(StringBuilder out, Map<?, ?> map) {
        List<String> keys = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            if (!(key instanceof String text)) {
                return false;
            }
            keys.add(text);
        }
        keys.sort(null);
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
            out.append(i == 0 ? "" : ",");
            Json.appendQuoted(out, keys.get(i));
            out.append(':');
            if (!value(out, map.get(keys.get(i)))) {
                return false;
            }
        }
        out.append('}');
        return true;
    }
}
