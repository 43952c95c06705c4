package dev.modeldock.benchmark;

import dev.modeldock.artifact.Artifact;
import dev.modeldock.cli.Logging;
import dev.modeldock.cli.ModelOptions;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Settings;
import dev.modeldock.conversion.Conversion;
import dev.modeldock.host.Extensions;
import dev.modeldock.plan.PipelinePlan;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.runtime.PipelineSession;
import dev.modeldock.source.EncoderGraph;
import dev.modeldock.source.HubModel;
import dev.modeldock.source.ModelSource;
import dev.modeldock.validation.ProbeTexts;
import dev.modeldock.validation.ReferenceEmbedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints the figures that matter for a conversion: its time against the floor of merely reading,
 * hashing and writing the encoder's bytes, and the exported pipeline's speed against the reference
 * path (Hugging Face tokenizer + encoder + Java post-processing), batch 1 on one thread; then the
 * pipeline with float32, int8 and float16 weights side by side ({@link WeightFormatBenchmark}).
 */
@Command(name = "conversion", mixinStandardHelpOptions = true,
        description = "Measures conversion time and embedding throughput for a model and prints the figures.")
final class BenchmarkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions options;

    @Option(names = "--texts", defaultValue = "300", paramLabel = "N", description = "Texts per throughput run.")
    int texts;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "N", description = "Runs of each measurement; best kept.")
    int repeat;

    @Option(names = "--rounds", defaultValue = "5", paramLabel = "N",
            description = "Timed rounds per weight format (float32, int8, float16); median kept.")
    int rounds;

    @Override
    public Integer call() throws Exception {
        Settings settings = options.settings();
        Logging.configure(settings.loggingLevel());
        EmbeddingModelConfig configuration = options.configuration(settings);
        ModelSource source = ModelSource.resolve(options.requireModel(), settings);
        PrintWriter out = spec.commandLine().getOut();
        Path encoder = HubModel.open(source.folder()).encoderFile();
        out.printf("model %s, encoder %.1f MB, %d texts per run, best of %d%n", source.folder().id(),
                Files.size(encoder) / 1e6, texts, repeat);

        double floor = Rounds.of(repeat, () -> copyAndHash(encoder)).best();
        out.printf("floor: read + SHA-256 + write the encoder's bytes     %8.3f s%n", floor);
        try (Extensions extensions = Extensions.load()) {
            double[] build = {Double.MAX_VALUE};
            double[] total = {Double.MAX_VALUE};
            Artifact kept = null;
            for (int run = 0; run < repeat; run++) {
                long start = System.nanoTime();
                long[] validationStart = {0};
                Artifact staged = Conversion.run(source, configuration, extensions, (stage, fraction) -> {
                    if (stage.startsWith("checking") && validationStart[0] == 0) {
                        validationStart[0] = System.nanoTime();
                    }
                });
                total[0] = Math.min(total[0], Rounds.seconds(System.nanoTime() - start));
                build[0] = Math.min(build[0], Rounds.seconds(validationStart[0] - start));
                if (kept != null) {
                    kept.close();
                }
                kept = staged;
            }
            try (Artifact staged = kept) {
                out.printf("conversion: plan + assemble + write pipeline        %8.3f s  (%.1fx the floor)%n",
                        build[0], build[0] / floor);
                out.printf("conversion including parity check on %d probes     %8.3f s%n",
                        ProbeTexts.builtIn().size(), total[0]);
                List<String> corpus = BenchmarkTexts.shortProbes(texts);
                // The reference path needs the plan the conversion made; planning again takes no time worth measuring.
                HubModel model = HubModel.open(source.folder());
                PipelinePlan plan = PipelinePlan.create(model, EncoderGraph.of(model.encoder()), configuration,
                        extensions);
                try (PipelineSession pipeline = PipelineSession.open(staged.file(), 1);
                        ReferenceEmbedder reference = ReferenceEmbedder.open(plan, 1)) {
                    double graph = Throughput.warmedUp(corpus, pipeline::embed).rounds(repeat).bestPerSecond();
                    double ref = Throughput.warmedUp(corpus, reference::embed).rounds(repeat).bestPerSecond();
                    out.printf("exported pipeline (batch 1, 1 thread)              %8.1f embeddings/s%n", graph);
                    out.printf("reference: HF tokenizer + encoder + Java pooling    %8.1f embeddings/s  (pipeline %.2fx)%n",
                            ref, graph / ref);
                }
            }
            List<String> realistic = BenchmarkTexts.realistic();
            out.printf("weights: %d texts (queries, sentences, paragraphs), batch 1, 1 thread, median of %d rounds%n",
                    realistic.size(), rounds);
            WeightFormatTable.print(out,
                    new WeightFormatBenchmark(source, configuration, extensions, rounds).run(realistic));
        }
        return 0;
    }

    private static void copyAndHash(Path file) throws IOException {
        Path copy = Files.createTempFile("modeldock-floor-", ".bin");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), Sha256.newDigest());
                OutputStream target = Files.newOutputStream(copy)) {
            in.transferTo(target);
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
