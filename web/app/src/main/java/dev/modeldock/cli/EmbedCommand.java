package dev.modeldock.cli;

import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.runtime.PipelineSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Runs an exported pipeline on texts and prints their vectors as a JSON array of arrays,"
                + " one vector per text in the order given.",
                "Texts come from --text, or one a line from --input FILE (- for standard input, UTF-8). Every"
                        + " line is a text, an empty one included, so the Nth vector is the Nth line's."})
final class EmbedCommand implements Callable<Integer> {
    /** The --input value that means standard input. */
    static final String STANDARD_INPUT = "-";

    @Spec
    CommandSpec spec;

    /** Where --input - reads from; tests give their own. */
    InputStream standardInput = System.in;

    @Option(names = "--pipeline", required = true, paramLabel = "FILE.onnx", description = "An exported pipeline.")
    Path pipeline;

    @Option(names = "--text", paramLabel = "T", description = "A text to embed; repeat for more.")
    List<String> texts;

    @Option(names = "--input", paramLabel = "FILE", description = "A file of texts, one a line; - for standard input.")
    String input;

    @Override
    public Integer call() throws IOException {
        Logging.configure(null);
        if ((texts == null) == (input == null)) {
            throw new ModelDockException("give the texts either with --text (repeatable) or with --input FILE (one a"
                    + " line; - for standard input), not both");
        }
        List<String> all = texts != null ? texts : readLines();
        List<float[]> vectors = new ArrayList<>(all.size());
        try (PipelineSession session = PipelineSession.open(pipeline, 0)) {
            for (String text : all) {
                vectors.add(session.embed(text));
            }
        }
        spec.commandLine().getOut().println(Json.write(vectors));
        return 0;
    }

    /** The lines of --input; a final line break ends the last line rather than starting an empty one. */
    private List<String> readLines() throws IOException {
        if (input.equals(STANDARD_INPUT)) {
            return lines(standardInput);
        }
        try (InputStream in = Files.newInputStream(Path.of(input))) {
            return lines(in);
        } catch (NoSuchFileException e) {
            throw new ModelDockException("--input file " + input + " does not exist");
        } catch (IOException e) {
            throw new ModelDockException("cannot read --input file " + input + ": " + e.getMessage(), e);
        }
    }

    private static List<String> lines(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(lines.isEmpty() && line.startsWith("\uFEFF") ? line.substring(1) : line); // a UTF-8 byte order mark
        }
        return lines;
    }
}
