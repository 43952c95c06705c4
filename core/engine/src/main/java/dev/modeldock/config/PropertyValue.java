package dev.modeldock.config;

import dev.modeldock.plugin.ModelDockException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One property value as it came from JSON or code, with checks that name the property. */
record PropertyValue(String property, Object value) {

    boolean bool() {
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw wrong("true or false");
    }

    int positiveInteger() {
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && number.longValue() > 0 && number.longValue() <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        throw wrong("a positive whole number");
    }

    <T> List<T> list(Class<T> elementType) {
        if (!(value instanceof List<?> items)) {
            throw wrong("a list");
        }
        for (Object item : items) {
            if (!elementType.isInstance(item)) {
                throw wrong("a list of " + (elementType == Map.class ? "objects" : "strings"));
            }
        }
        return items.stream().map(elementType::cast).toList();
    }

    List<String> nonBlankStrings() {
        List<String> strings = list(String.class);
        if (strings.stream().anyMatch(String::isBlank)) {
            throw new ModelDockException(property + " must not contain blank entries");
        }
        return strings;
    }

    static Map<String, Object> stringKeys(Map<?, ?> entry) {
        Map<String, Object> copy = new LinkedHashMap<>();
        entry.forEach((key, item) -> copy.put(String.valueOf(key), item));
        return copy;
    }

    private ModelDockException wrong(String expected) {
        return new ModelDockException("property " + property + " must be " + expected + ", got "
                + (value instanceof String ? "\"" + value + "\"" : value));
    }
}
