package dev.modeldock.cli;

import dev.modeldock.artifact.Artifact;
import dev.modeldock.config.Settings;
import dev.modeldock.conversion.EmbeddingModel;
import dev.modeldock.conversion.PrebuiltModel;
import dev.modeldock.host.Extensions;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.metadata.SizeAdvice;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ExternalDataPackage.Member;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.source.HubModel;
import dev.modeldock.source.ModelSource;
import dev.modeldock.source.hub.HubEnvironment;
import dev.modeldock.source.hub.HubRepository;
import dev.modeldock.transform.WeightFormat;
import dev.modeldock.validation.QualityReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Converts a model (--model) into NAME.onnx (one string in, one vector out; with --function"
                + " regression a reranker: two strings in, one score out; with --function classification a"
                + " classifier: one string in, one probability per label out) with its Oracle import metadata, or"
                + " takes an ONNX model as it is (--onnx with --metadata), checks it as Oracle would, and exports it.",
                "Targets: file (NAME.onnx + NAME.json in --output-dir) or oracle (mining model NAME, --profile).",
                "With \"use_external_data\": true (or unset for a float32 pipeline over 1 GB) and --target-release 26,"
                        + " the weights go to a data file: the file target writes NAME.zip, holding model.onnx, the"
                        + " data file and model_external_data.json, as OML4Py's export2file does."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions options;

    @Option(names = "--function", defaultValue = "embedding", paramLabel = "FUNCTION",
            description = "With --model: embedding (default; one text in, a vector out) or regression (a reranker"
                    + " from a cross-encoder: first_input and second_input in, scored in Oracle with PREDICTION(model"
                    + " USING :q AS DATA1, :p AS DATA2); give \"post_processors\": [] in its configuration) or"
                    + " classification (a text classifier from a sequence-classification model: softmax over its"
                    + " logits unless \"post_processors\" is [], labels from config.json's id2label or the"
                    + " configuration's \"labels\"; scored in Oracle with PREDICTION and PREDICTION_PROBABILITY).")
    String function;

    @Option(names = "--onnx", paramLabel = "FILE", description = "An ONNX model to export as it is, instead of --model.")
    Path onnx;

    @Option(names = "--metadata", paramLabel = "FILE.json", description = "With --onnx: its Oracle import metadata.")
    Path metadata;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "Base name of the files written (a trailing .onnx is taken as their extension), or the"
                    + " [schema.]name of the database model.")
    String name;

    @Option(names = "--target", defaultValue = "file", paramLabel = "TARGET", description = "file (default) or oracle.")
    String target;

    @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = ".", description = "file target: where to write.")
    Path outputDir;

    @Option(names = "--profile", paramLabel = "FILE", description = "oracle target: the connection profile (JSON).")
    Path profile;

    @Option(names = "--replace", description = "oracle target: drop an existing model of that name first.")
    boolean replace;

    @Option(names = "--target-release", defaultValue = "23", paramLabel = "N",
            description = "The Oracle Database release to export for: 23 (default; 23ai imports files up to 1 GB)"
                    + " or 26 (26ai, up to 2 GB). A larger model is refused before it is validated.")
    String targetRelease;

    @Override
    public Integer call() throws Exception {
        Settings settings = options.settings();
        Logging.configure(settings.loggingLevel(), options.logEverything());
        LoggerFactory.getLogger(ExportCommand.class).debug("export {} to target {}: ModelDock logs at {}, the libraries"
                + " underneath at {}", options.model != null ? options.model : onnx, target, settings.loggingLevel(),
                options.logEverything() ? "the same level"
                        : "INFO at most, ONNX Runtime at WARNING (--log-level all=LEVEL for theirs too)");
        if ((options.model == null) == (onnx == null)) {
            throw new ModelDockException("give either --model (to convert) or --onnx with --metadata (to export as is)");
        }
        PipelineFunction pipelineFunction = PipelineFunction.parse(function); // a typo fails before any download
        OracleRelease release = OracleRelease.parse(targetRelease);
        Map<String, String> targetSettings = targetSettings();
        try (Extensions extensions = Extensions.load();
                TerminalProgress progress = TerminalProgress.onConsole(spec.commandLine().getErr())) {
            // A plugin that failed to load is no reason not to export with the others.
            extensions.failures().forEach(line -> spec.commandLine().getErr().println("warning: " + line));
            PrebuiltModel prebuilt = null;
            EmbeddingModel model = null;
            if (onnx != null) {
                if (metadata == null) {
                    throw new ModelDockException("--onnx needs --metadata: the model's Oracle import metadata");
                }
                if (spec.commandLine().getParseResult().hasMatchedOption("--function")) {
                    throw new ModelDockException("--function applies to --model; with --onnx the function is the"
                            + " metadata's");
                }
                prebuilt = new PrebuiltModel(onnx, MetadataCommand.read(metadata), extensions);
            } else {
                ModelSource source = ModelSource.resolve(options.model, settings,
                        HubRepository.of(settings, HubEnvironment.fromSystem()), progress::download);
                source.checksumMismatches().forEach(m -> spec.commandLine().getErr().println("warning: "
                        + source.hubId() + " " + m.describe() + " (used anyway: --ignore-checksum-error; kept in the"
                        + " provenance)"));
                model = new EmbeddingModel(source, options.configuration(source), extensions,
                        settings.ignoreQualityGate(), pipelineFunction).forRelease(release);
            }
            ExportTarget exportTarget = extensions.exportTarget(target);
            exportTarget.check(name, targetSettings); // a bad name fails now, not after the conversion
            try (Artifact artifact = prebuilt != null ? prebuilt.stage(release, null, progress)
                    : converted(model, progress)) {
                ExportReceipt receipt = artifact.handOverTo(exportTarget, name, targetSettings, progress);
                progress.finish();
                spec.commandLine().getOut().println(Json.write(summary(artifact, receipt, release)));
                if (artifact.provenance().parity() != null) {
                    artifact.provenance().parity().describe().forEach(spec.commandLine().getErr()::println);
                }
                QualityReport quality = artifact.provenance().quality();
                if (quality != null) {
                    spec.commandLine().getErr().println(quality.describe() + (quality.passed() ? ""
                            : "; below the gate, kept because of --ignore-quality-gate"));
                }
                if (model != null) {
                    SizeAdvice.notes(artifact.sizeBytes(), WeightFormat.of(model.configuration()))
                            .forEach(note -> spec.commandLine().getErr().println("note: " + note));
                }
            }
        }
        return 0;
    }

    /**
     * The model converted; a heap too small for it is one line naming the model's size, the heap it
     * had and the {@code -Xmx} to give, not a stack trace. Once the error has left the conversion its
     * weights are garbage, so there is room to say so.
     */
    private static Artifact converted(EmbeddingModel model, Progress progress) throws IOException {
        try {
            return model.convert(progress);
        } catch (OutOfMemoryError e) {
            long encoder = HubModel.open(model.source().folder()).encoderBytes();
            // Generous: a float32 export keeps the weights in the mapped source, a rewrite holds one
            // table's floats beside their copy, and twice the encoder covers any model's share of the heap.
            long giB = (long) Math.ceil(2.0 * encoder / (1L << 30)) + 1;
            throw new ModelDockException(String.format(Locale.ROOT, "the Java heap (at most %d MB) ran out"
                    + " converting %s, whose encoder is %s: give it more, e.g. java -Xmx%dg -jar modeldock.jar"
                    + " export ...", Runtime.getRuntime().maxMemory() >> 20, model.source().folder().id(),
                    OnnxModels.describeSize(encoder), giB));
        }
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

    /**
     * What was delivered where, for which Oracle release, the embedding's width, the parity figures,
     * and the artifact's provenance.
     */
    private static Map<String, Object> summary(Artifact artifact, ExportReceipt receipt, OracleRelease release) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("target", receipt.target());
        summary.put("location", receipt.location());
        summary.put("sha256", receipt.sha256());
        summary.put("bytes", receipt.bytes());
        summary.put("targetRelease", release.number());
        if (!artifact.packaged().isEmpty()) {
            // The package's files, as Oracle's directory will hold them once it is unzipped.
            summary.put("packaged", artifact.packaged().stream().map(Member::toMap).toList());
        }
        artifact.dimensions().ifPresent(width -> summary.put("dimensions", width));
        if (artifact.provenance().parity() != null) {
            summary.put("validation", artifact.provenance().parity().toMap());
        }
        if (artifact.provenance().quality() != null) {
            summary.put("quality", artifact.provenance().quality().toMap());
        }
        summary.put("provenance", artifact.provenance().toMap());
        return summary;
    }
}
