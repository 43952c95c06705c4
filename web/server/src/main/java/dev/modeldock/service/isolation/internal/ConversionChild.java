package dev.modeldock.service.isolation.internal;

import dev.modeldock.host.PluginSources;
import dev.modeldock.plugin.ExternalDataPackage.Member;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.service.isolation.ChildLimits;
import dev.modeldock.service.isolation.ConvertedModel;
import dev.modeldock.service.isolation.IsolationFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The server's side of one conversion in a fresh child ({@link ConversionMain}): sends the request,
 * passes the child's progress on, and takes the artifact it left in the folder it was given. The
 * time limit runs from the child's start, JVM start included.
 */
public final class ConversionChild {
    private static final String DOING = "the conversion";
    private static final String CRASH = "the conversion crashed";

    private ConversionChild() {
    }

    /**
     * @param request what {@link ConversionMain} takes: source, config, ignoreQualityGate, function, staging
     * @param folder  where the child stages the artifact and writes its error output
     * @throws ModelDockException the conversion's own failure, as the engine words it
     * @throws IsolationFailure   when the child crashed, passed its memory limit or timed out
     */
    public static ConvertedModel run(Map<String, Object> request, ChildLimits limits, Path folder,
            PluginSources plugins, Progress progress) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        try (JavaChild child = JavaChild.start(ConversionMain.class, limits, folder, plugins)) {
            child.send(request);
            while (true) {
                Map<String, Object> message = child.next(Duration.ofNanos(deadline - System.nanoTime()), DOING,
                        CRASH);
                switch (Messages.type(message)) {
                    case "progress" -> progress.report(Messages.text(message, "stage"),
                            ((Number) message.get("fraction")).doubleValue());
                    case "failed" -> throw new ModelDockException(Messages.text(message, "message"));
                    case "converted" -> {
                        return converted(message, folder);
                    }
                    default -> { } // a later version's message; nothing to do with it
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static ConvertedModel converted(Map<String, Object> message, Path folder) {
        int dimensions = ((Number) message.get("dimensions")).intValue();
        List<Member> packaged = ((List<Map<String, Object>>) message.getOrDefault("packaged", List.of())).stream()
                .map(Member::fromMap).toList();
        return new ConvertedModel(folder, Path.of(Messages.text(message, "file")), Messages.text(message, "sha256"),
                Messages.text(message, "metadata"), (Map<String, Object>) message.get("provenance"),
                dimensions < 0 ? OptionalInt.empty() : OptionalInt.of(dimensions), packaged);
    }
}
