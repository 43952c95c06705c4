package dev.modeldock.onnx;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a source's weights lie in its external data files, for the values a mapped read left there
 * ({@link OnnxModels#readChecked(Path, ExternalData.Files, WeightOrigins)}): a model written from
 * them can name those files instead of copying 2 GB ({@link ExternalData#write(
 * ai.onnx.proto.OnnxMl.ModelProto, Path, long, WeightOrigins)}).
 *
 * <p>Looked up by the identity of the values' {@code ByteString}: renaming a tensor, or moving it
 * into another graph, keeps the object; any change of its values makes a new one, which is then not
 * found and is written out. It holds the mappings, so {@link #clear} it once written.
 */
public final class WeightOrigins {
    /** A range of a data file, from the read that mapped it. */
    public record Origin(Path file, long offset, long length) {
    }

    private final Map<ByteString, Origin> origins = Collections.synchronizedMap(new IdentityHashMap<>());

    void record(ByteString values, Origin origin) {
        if (!values.isEmpty()) { // the empty ByteString is one object shared by every empty value
            origins.put(values, origin);
        }
    }

    /** Where {@code values} were read from, if a mapped read made exactly this object. */
    public Optional<Origin> of(ByteString values) {
        Origin origin = origins.get(values);
        return origin != null && origin.length() == values.size() ? Optional.of(origin) : Optional.empty();
    }

    /** Lets go of the values, and with them the mappings they lie in. */
    public void clear() {
        origins.clear();
    }
}
