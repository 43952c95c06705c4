package dev.modeldock.objectstore;

import dev.modeldock.plugin.ModelDockException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where artifacts are kept in an object store: a bucket and a key prefix, written
 * {@code s3://bucket/prefix} (the prefix may be empty, or several segments: {@code s3://b/team/models}).
 *
 * @param bucket the bucket's name
 * @param prefix the keys' prefix without leading or trailing slash; empty for the bucket's root
 */
public record S3Location(String bucket, String prefix) {
    /** S3's rules for bucket names, loosely: what S3-compatible servers accept too. */
    private static final Pattern FORM = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(.*))?");

    /**
     * Reads {@code s3://bucket/prefix}.
     *
     * @throws ModelDockException naming the value and the expected form
     */
    public static S3Location parse(String text) {
        Matcher matcher = FORM.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new ModelDockException("'" + text + "' is not an object store location: expected"
                    + " s3://bucket/prefix, with a bucket name of 3 to 63 lowercase letters, digits, dots and dashes");
        }
        String prefix = matcher.group(2) == null ? "" : matcher.group(2).replaceAll("^/+|/+$", "");
        return new S3Location(matcher.group(1), prefix);
    }

    /** The key of {@code name} under the prefix. */
    public String key(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
