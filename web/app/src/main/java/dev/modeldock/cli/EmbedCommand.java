package dev.modeldock.cli;

import dev.modeldock.runtime.PipelineSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Runs an exported pipeline on texts and prints their vectors as a JSON array of arrays.")
final class EmbedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pipeline", required = true, paramLabel = "FILE.onnx", description = "An exported pipeline.")
    Path pipeline;

    @Option(names = "--text", required = true, paramLabel = "T", description = "A text to embed; repeat for more.")
    List<String> texts;

    @Override
    public Integer call() {
        Logging.configure(null);
        List<float[]> vectors = new ArrayList<>();
        try (PipelineSession session = PipelineSession.open(pipeline, 0)) {
            for (String text : texts) {
                vectors.add(session.embed(text));
            }
        }
        spec.commandLine().getOut().println(Json.write(vectors));
        return 0;
    }
}
