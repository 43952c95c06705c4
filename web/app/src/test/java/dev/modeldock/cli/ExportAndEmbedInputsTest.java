package dev.modeldock.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modeldock.service.Json;
import dev.modeldock.testkit.MiniLmHubFolder;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the command line takes what it is given: --config as inline JSON, an export name with its
 * extension, an output folder that cannot be made, and embed's texts from a file or standard input.
 */
class ExportAndEmbedInputsTest {
    private static final ObjectMapper JSON = Json.MAPPER;

    @TempDir
    static Path work;
    static Path hubFolder;
    static Path out;
    static CommandLine export;

    /** One conversion for the class: inline configuration, and a name given as a file name. */
    @BeforeAll
    static void exportWithInlineConfigAndAFileName() {
        hubFolder = MiniLmHubFolder.create(work.resolve("hub"));
        out = work.resolve("exported");
        export = CommandLine.run("export", "--model", hubFolder.toString(), "--template", "text",
                "--config", " {\"max_seq_length\": 64, \"post_processors\": [{\"name\": \"Pooling\", \"type\": \"cls\"}]}",
                "--name", "minilm.onnx", "--output-dir", out.toString());
    }

    @Test
    void configGivenAsInlineJsonIsApplied() throws Exception {
        assertEquals(0, export.exit(), export.err());
        JsonNode metadata = JSON.readTree(out.resolve("minilm.json").toFile());
        assertEquals(64, metadata.path("maxSequenceLength").asInt());
        assertEquals("CLS Pooling", metadata.path("pooling").asText());
    }

    @Test
    void aNameGivenWithItsOnnxExtensionIsNotDoubled() throws Exception {
        assertEquals(0, export.exit(), export.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("minilm.json", "minilm.onnx"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertEquals(out.resolve("minilm.onnx").toString(), JSON.readTree(export.out()).path("location").asText());
    }

    @Test
    void inlineConfigThatIsNotJsonSaysItIsTheInlineJson() {
        CommandLine run = CommandLine.run("export", "--model", hubFolder.toString(), "--template", "text",
                "--config", "{max_seq_length: 64}", "--name", "x", "--output-dir", work.resolve("never").toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("error: --config's inline JSON is not a JSON object of properties: "), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(Files.notExists(work.resolve("never")));
    }

    @Test
    void anOutputFolderThatCannotBeCreatedSaysWhyBeforeConverting() throws Exception {
        Path file = Files.writeString(work.resolve("a-file"), "keep");
        Path folder = file.resolve("models");
        CommandLine run = CommandLine.run("export", "--model", hubFolder.toString(), "--template", "text",
                "--config", "{\"max_seq_length\": 64}", "--name", "x", "--output-dir", folder.toString());
        assertEquals(1, run.exit());
        assertEquals("error: cannot create output directory " + folder + ": " + file + " is a file, not a folder",
                run.err().strip());
        assertEquals("keep", Files.readString(file));
    }

    @Test
    void embedReadsOneTextPerLineOfAFileEmptyLinesIncluded() throws Exception {
        Path texts = Files.writeString(work.resolve("texts.txt"), "first line\n\nthird, after an empty one\n");
        CommandLine fromFile = embed("--input", texts.toString());
        assertEquals(0, fromFile.exit(), fromFile.err());
        CommandLine fromOptions = embed("--text", "first line", "--text", "", "--text", "third, after an empty one");
        assertEquals(0, fromOptions.exit(), fromOptions.err());
        assertEquals(3, JSON.readTree(fromFile.out()).size(), "one vector per line, the final line break ending the last");
        assertVectorsEqual(fromOptions.out(), fromFile.out());
    }

    @Test
    void embedReadsStandardInputForADash() throws Exception {
        EmbedCommand command = new EmbedCommand();
        command.standardInput = new ByteArrayInputStream("first line\r\nsecond line".getBytes(StandardCharsets.UTF_8));
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int exit = ModelDockCommand.run(command, new String[] {"--pipeline", pipeline().toString(), "--input", "-"},
                new PrintWriter(stdout, true), new PrintWriter(stderr, true));
        assertEquals(0, exit, stderr.toString());
        assertVectorsEqual(embed("--text", "first line", "--text", "second line").out(), stdout.toString());
    }

    @Test
    void embedWantsTextsFromOneSourceAndNamesAMissingFile() {
        CommandLine neither = embed();
        assertEquals(1, neither.exit());
        assertTrue(neither.err().startsWith("error: give the texts either with --text"), neither.err());
        CommandLine both = embed("--text", "a", "--input", "-");
        assertEquals(1, both.exit());
        CommandLine missing = embed("--input", work.resolve("absent.txt").toString());
        assertEquals("error: --input file " + work.resolve("absent.txt") + " does not exist", missing.err().strip());
    }

    private static Path pipeline() {
        assertEquals(0, export.exit(), export.err());
        return out.resolve("minilm.onnx");
    }

    private static CommandLine embed(String... options) {
        String[] args = Stream.concat(Stream.of("embed", "--pipeline", pipeline().toString()), Stream.of(options))
                .toArray(String[]::new);
        return CommandLine.run(args);
    }

    private static void assertVectorsEqual(String expectedJson, String actualJson) throws Exception {
        JsonNode expected = JSON.readTree(expectedJson);
        JsonNode actual = JSON.readTree(actualJson);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(floats(expected.get(i)), floats(actual.get(i)), "vector " + i);
        }
    }

    private static float[] floats(JsonNode vector) {
        float[] values = new float[vector.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = vector.get(i).floatValue();
        }
        return values;
    }
}
