package io.lifestage.server;

/** Whole numbers in query parameters: a page number, a page size, how many values a breakdown shows. */
final class WholeNumbers {

    private WholeNumbers() {
    }

    /**
     * Parses {@code text} as a whole number from 1 to {@code max}, or returns {@code absent} when there is none.
     *
     * @throws ApiError a 400 {@code invalid_parameter} naming {@code parameter} when the text is not such a number
     */
    static int parse(String text, String parameter, int absent, int max) {
        if (text == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(text.strip());
            if (number >= 1 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below, as a number out of range is
        }
        throw ApiError.badRequest("invalid_parameter", "'" + parameter + "' is a whole number from 1"
                + (max == Integer.MAX_VALUE ? "" : " to " + max) + ", not '" + text + "'").field(parameter);
    }
}
