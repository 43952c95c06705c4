package dev.modeldock.plugin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of a configuration's {@code post_processors} list, e.g.
 * {@code {"name":"Dense","in_features":768,"out_features":512}}: the name plus typed access to the
 * other values, with errors that name the post-processor and the key.
 *
 * @since 1.0.0
 */
public final class Parameters {
    private final Map<String, Object> values;

    public Parameters(Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        if (!(this.values.get("name") instanceof String)) {
            throw new ModelDockException("every post_processor needs a \"name\" string, got " + this.values);
        }
    }

    /** The post-processor's name, e.g. "Pooling". */
    public String name() {
        return (String) values.get("name");
    }

    /** Whether the entry sets {@code key}. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The string at {@code key}, or {@code fallback} when absent. */
    public String string(String key, String fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text)) {
            throw wrongType(key, "a string", value);
        }
        return text;
    }

    /** The whole number at {@code key}; absent is an error. */
    public int integer(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new ModelDockException("post_processor " + name() + " needs \"" + key + "\"");
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || number.doubleValue() < Integer.MIN_VALUE || number.doubleValue() > Integer.MAX_VALUE) {
            throw wrongType(key, "a whole number within int range", value);
        }
        return number.intValue();
    }

    /** The boolean at {@code key}, or {@code fallback} when absent. */
    public boolean bool(String key, boolean fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean flag)) {
            throw wrongType(key, "true or false", value);
        }
        return flag;
    }

    /** All values, name included, in the order given. */
    public Map<String, Object> asMap() {
        return values;
    }

    private ModelDockException wrongType(String key, String expected, Object value) {
        return new ModelDockException("post_processor " + name() + ": \"" + key + "\" must be " + expected
                + ", got " + value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Parameters that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
