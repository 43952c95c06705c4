package dev.modeldock.cli;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.host.Extensions;
import dev.modeldock.pipeline.EmbeddingModel;
import dev.modeldock.pipeline.ExportOutcome;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Converts a model into NAME.onnx (one string in, one vector out) and NAME.json (Oracle import"
                + " metadata).")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions options;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Base name of the files written.")
    String name;

    @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = ".", description = "Where to write (default: .).")
    Path outputDir;

    @Override
    public Integer call() throws Exception {
        Settings settings = options.settings();
        Logging.configure(settings.loggingLevel());
        EmbeddingModelConfig configuration = options.configuration(settings);
        try (Extensions extensions = Extensions.load(Extensions.defaultFolder());
                TerminalProgress progress = TerminalProgress.onConsole(spec.commandLine().getErr())) {
            EmbeddingModel embeddingModel = new EmbeddingModel(options.model, configuration, settings, extensions);
            ExportOutcome outcome = embeddingModel.exportToFile(name, outputDir, progress);
            progress.finish();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("model", outcome.receipt().location());
            summary.put("metadata", outcome.receipt().location().replaceAll("\\.onnx$", ".json"));
            summary.put("sha256", outcome.receipt().sha256());
            summary.put("bytes", outcome.receipt().bytes());
            summary.put("dimensions", outcome.width());
            summary.put("validation", outcome.parity().toMap());
            spec.commandLine().getOut().println(Json.write(summary));
            outcome.parity().describe().forEach(spec.commandLine().getErr()::println);
        }
        return 0;
    }
}
