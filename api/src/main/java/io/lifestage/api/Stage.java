package io.lifestage.api;

/**
 * One stage of a lifecycle model, as the rule pack declares it.
 *
 * @param name        the identifier rules assign, for example {@code conversion}
 * @param label       the name shown to people, for example {@code Conversion}
 * @param description what being in this stage means
 */
public record Stage(String name, String label, String description) {

    public Stage {
        if (name == null || !name.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException(
                    "stage name '" + name + "' must start with a lower-case letter and use only a-z, 0-9, '-' and '_'");
        }
        label = label == null || label.isBlank() ? name : label;
        description = description == null ? "" : description;
    }
}
