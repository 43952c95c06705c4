package dev.modeldock.cli;

import dev.modeldock.config.Settings;
import dev.modeldock.conversion.EmbeddingModel;
import dev.modeldock.conversion.ExportOutcome;
import dev.modeldock.conversion.PrebuiltModel;
import dev.modeldock.host.Extensions;
import dev.modeldock.plugin.ModelDockException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Converts a model (--model) into NAME.onnx (one string in, one vector out) with its Oracle"
                + " import metadata, or takes an ONNX model as it is (--onnx with --metadata), checks it as Oracle"
                + " would, and exports it.",
                "Targets: file (NAME.onnx + NAME.json in --output-dir) or oracle (mining model NAME, --profile)."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions options;

    @Option(names = "--onnx", paramLabel = "FILE", description = "An ONNX model to export as it is, instead of --model.")
    Path onnx;

    @Option(names = "--metadata", paramLabel = "FILE.json", description = "With --onnx: its Oracle import metadata.")
    Path metadata;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "Base name of the files written, or the [schema.]name of the database model.")
    String name;

    @Option(names = "--target", defaultValue = "file", paramLabel = "TARGET", description = "file (default) or oracle.")
    String target;

    @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = ".", description = "file target: where to write.")
    Path outputDir;

    @Option(names = "--profile", paramLabel = "FILE", description = "oracle target: the connection profile (JSON).")
    Path profile;

    @Option(names = "--replace", description = "oracle target: drop an existing model of that name first.")
    boolean replace;

    @Option(names = "--target-release", defaultValue = "26", paramLabel = "N",
            description = "With --onnx: the Oracle release to check the model for (23 or 26).")
    int targetRelease;

    @Override
    public Integer call() throws Exception {
        Settings settings = options.settings();
        Logging.configure(settings.loggingLevel());
        if ((options.model == null) == (onnx == null)) {
            throw new ModelDockException("give either --model (to convert) or --onnx with --metadata (to export as is)");
        }
        Map<String, String> targetSettings = targetSettings();
        try (Extensions extensions = Extensions.load(Extensions.defaultFolder());
                TerminalProgress progress = TerminalProgress.onConsole(spec.commandLine().getErr())) {
            ExportOutcome outcome;
            if (onnx != null) {
                if (metadata == null) {
                    throw new ModelDockException("--onnx needs --metadata: the model's Oracle import metadata");
                }
                outcome = new PrebuiltModel(onnx, MetadataCommand.read(metadata), extensions)
                        .export(name, target, targetSettings, targetRelease, progress);
            } else {
                outcome = new EmbeddingModel(options.model, options.configuration(settings), settings, extensions)
                        .export(name, target, targetSettings, progress);
            }
            progress.finish();
            spec.commandLine().getOut().println(Json.write(summary(outcome)));
            if (outcome.parity() != null) {
                outcome.parity().describe().forEach(spec.commandLine().getErr()::println);
            }
        }
        return 0;
    }

    private Map<String, String> targetSettings() {
        return switch (target) {
            case "file" -> Map.of("output_dir", outputDir.toString());
            case "oracle" -> {
                if (profile == null) {
                    throw new ModelDockException("--target oracle needs --profile: a connection profile file");
                }
                yield Map.of("profile", profile.toString(), "replace", String.valueOf(replace));
            }
            default -> Map.of();
        };
    }

    private static Map<String, Object> summary(ExportOutcome outcome) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("target", outcome.receipt().target());
        summary.put("location", outcome.receipt().location());
        summary.put("sha256", outcome.receipt().sha256());
        summary.put("bytes", outcome.receipt().bytes());
        if (outcome.width() > 0) {
            summary.put("dimensions", outcome.width());
        }
        if (outcome.parity() != null) {
            summary.put("validation", outcome.parity().toMap());
        }
        return summary;
    }
}
