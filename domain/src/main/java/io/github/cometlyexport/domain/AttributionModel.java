package io.github.cometlyexport.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How credit for an event is spread over its touchpoints ({@code attribution_model}). */
public enum AttributionModel {
    /** {@code first_touch} */
    FIRST_TOUCH,
    /** {@code last_touch} */
    LAST_TOUCH,
    /** {@code linear} */
    LINEAR,
    /** {@code first_platform_touch} */
    FIRST_PLATFORM_TOUCH,
    /** {@code last_platform_touch} */
    LAST_PLATFORM_TOUCH,
    /** {@code linear_paid} */
    LINEAR_PAID,
    /** {@code u_shaped} */
    U_SHAPED,
    /** {@code last_non_direct_touch} */
    LAST_NON_DIRECT_TOUCH;

    /** @return the value as the API spells it, e.g. {@code last_touch} */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @param text a value as the API or a user spells it
     * @return the model, or empty if {@code text} is not a documented model
     */
    public static Optional<AttributionModel> fromWireName(String text) {
        return Arrays.stream(values()).filter(m -> m.wireName().equals(text)).findFirst();
    }

    /** @return every documented value, space-separated, for error messages */
    public static String documentedValues() {
        return Arrays.stream(values()).map(AttributionModel::wireName).collect(Collectors.joining(" "));
    }
}
