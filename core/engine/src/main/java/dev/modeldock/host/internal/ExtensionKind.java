package dev.modeldock.host.internal;

import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.PostProcessor;
import dev.modeldock.plugin.Tokenizer;
import java.util.List;
import java.util.function.Function;

/**
 * One extension point of the plugin API and how its extensions are named.
 *
 * @param type the extension point's interface
 * @param name an extension's name, unique within its kind
 */
public record ExtensionKind<T>(Class<T> type, Function<T, String> name) {
    public static final ExtensionKind<Tokenizer> TOKENIZER = new ExtensionKind<>(Tokenizer.class, Tokenizer::name);
    public static final ExtensionKind<PostProcessor> POST_PROCESSOR = new ExtensionKind<>(PostProcessor.class,
            PostProcessor::name);
    public static final ExtensionKind<ExportTarget> EXPORT_TARGET = new ExtensionKind<>(ExportTarget.class,
            ExportTarget::name);
    /** Every extension point, in the order listings show them. */
    public static final List<ExtensionKind<?>> ALL = List.of(EXPORT_TARGET, POST_PROCESSOR, TOKENIZER);

    public String label() {
        return type.getSimpleName();
    }

    /** The name of {@code extension}, one of this kind. */
    public String nameOf(Object extension) {
        return name.apply(type.cast(extension));
    }
}
