package dev.modeldock.cli;

import dev.modeldock.metadata.CheckContext;
import dev.modeldock.metadata.MetadataChecker;
import dev.modeldock.metadata.MetadataJson;
import dev.modeldock.metadata.MetadataProblem;
import dev.modeldock.metadata.MetadataProposer;
import dev.modeldock.metadata.MlFunction;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.onnx.ModelSignature;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "metadata", mixinStandardHelpOptions = true,
        description = "Checks or proposes the JSON metadata Oracle Database imports an ONNX model with.",
        subcommands = {MetadataCommand.Check.class, MetadataCommand.Infer.class})
final class MetadataCommand {

    /** Exit code of a check that found problems, distinct from 1 (the command itself failed). */
    static final int PROBLEMS_FOUND = 3;

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Prints 'valid', or one line per problem Oracle would raise, starting with its ORA code.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--onnx", required = true, paramLabel = "FILE", description = "The ONNX model.")
        Path onnx;

        @Option(names = "--metadata", required = true, paramLabel = "FILE.json", description = "The metadata document.")
        Path metadata;

        @Option(names = "--model-name", paramLabel = "NAME", description = "Also check this [schema.]model name.")
        String modelName;

        @Option(names = "--target-release", defaultValue = "23", paramLabel = "N",
                description = "Oracle release to check for: 23 (default; 23ai imports at most 1 GB) or 26 (2 GB).")
        String targetRelease;

        @Override
        public Integer call() throws IOException {
            OracleRelease release = OracleRelease.parse(targetRelease);
            ModelSignature signature = ModelSignature.of(OnnxModels.readStructure(onnx));
            List<MetadataProblem> problems = MetadataChecker.check(signature, read(metadata),
                    new CheckContext(modelName, Files.size(onnx), release));
            PrintWriter out = spec.commandLine().getOut();
            problems.stream().filter(p -> !p.isError()).forEach(spec.commandLine().getErr()::println);
            List<MetadataProblem> errors = problems.stream().filter(MetadataProblem::isError).toList();
            if (errors.isEmpty()) {
                out.println("valid");
                return 0;
            }
            errors.forEach(out::println);
            if (errors.stream().anyMatch(p -> p.code().equals(dev.modeldock.metadata.OracleErrors.UNDOCUMENTED))) {
                spec.commandLine().getErr().println("(ORA-????? marks a rule of Oracle's documentation whose error"
                        + " code Oracle does not document.)");
            }
            return PROBLEMS_FOUND;
        }
    }

    @Command(name = "infer", mixinStandardHelpOptions = true,
            description = "Prints metadata proposed from the model's inputs and outputs for a function.")
    static final class Infer implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--onnx", required = true, paramLabel = "FILE", description = "The ONNX model.")
        Path onnx;

        @Option(names = "--function", required = true, paramLabel = "NAME",
                description = "embedding, classification, regression or clustering.")
        String function;

        @Override
        public Integer call() {
            MlFunction parsed = MlFunction.fromJson(function).orElseThrow(() -> new ModelDockException("'" + function
                    + "' is not a function; use embedding, classification, regression or clustering"));
            ModelSignature signature = ModelSignature.of(OnnxModels.readStructure(onnx));
            spec.commandLine().getOut().println(MetadataJson.write(MetadataProposer.propose(signature, parsed)));
            return 0;
        }
    }

    static String read(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ModelDockException("metadata file " + file + " does not exist");
        }
    }
}
