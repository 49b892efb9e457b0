package io.lifestage.engine.internal;

/** JSON string quoting for what the engine writes by hand (rejects, synthetic data, stored facts' maps). */
public final class Json {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Json() {
    }

    /** The string as a quoted JSON string literal. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        appendQuoted(out, s);
        return out.toString();
    }

    /**
     * Appends the string as a quoted JSON string literal, escaped as Jackson escapes it (the short escapes, other
     * control characters as six-character unicode escapes in upper case): the store's fact keys rely on that.
     */
    public static void appendQuoted(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
