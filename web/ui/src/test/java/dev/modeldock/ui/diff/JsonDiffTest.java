package dev.modeldock.ui.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modeldock.ui.diff.JsonDiff.Change;
import dev.modeldock.ui.diff.JsonDiff.Row;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonDiffTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachPathIsMarkedSameChangedAddedOrRemoved() throws Exception {
        List<Row> rows = JsonDiff.of(json("{\"max_seq_length\": 256, \"do_lower_case\": true, \"quantize\": false}"),
                json("{\"max_seq_length\": 128, \"do_lower_case\": true, \"languages\": [\"us\"]}"));
        assertEquals(List.of(
                new Row("max_seq_length", "256", "128", Change.CHANGED),
                new Row("do_lower_case", "true", "true", Change.SAME),
                new Row("quantize", "false", null, Change.REMOVED),
                new Row("languages[0]", null, "\"us\"", Change.ADDED)), rows);
        assertEquals(List.of("max_seq_length", "quantize", "languages[0]"),
                JsonDiff.differences(rows).stream().map(Row::path).toList());
    }

    @Test
    void nestedObjectsAndArraysAreFlattenedToPaths() throws Exception {
        assertEquals(Map.of("post_processors[0].name", "\"Pooling\"", "post_processors[0].type", "\"mean\"",
                "post_processors[1].name", "\"Normalize\"", "empty", "{}", "none", "[]", "nothing", "null"),
                JsonDiff.flatten(json("{\"post_processors\": [{\"name\": \"Pooling\", \"type\": \"mean\"},"
                        + " {\"name\": \"Normalize\"}], \"empty\": {}, \"none\": [], \"nothing\": null}")));
    }

    @Test
    void keysThatAreNotIdentifiersAreQuotedSoPathsStayUnambiguous() throws Exception {
        assertEquals(Map.of("sourceFiles[\"1_Pooling/config.json\"]", "\"ab\"", "sourceFiles[\"a.b\"]", "\"cd\""),
                JsonDiff.flatten(json("{\"sourceFiles\": {\"1_Pooling/config.json\": \"ab\", \"a.b\": \"cd\"}}")));
    }

    @Test
    void aStringAndANumberWithTheSameDigitsDiffer() throws Exception {
        assertEquals(Change.CHANGED, JsonDiff.of(json("{\"v\": 1}"), json("{\"v\": \"1\"}")).get(0).change());
    }

    @Test
    void aDocumentOnlyOneVersionHasIsAllAddedOrAllRemoved() throws Exception {
        assertEquals(List.of(new Row("max_seq_length", null, "256", Change.ADDED)),
                JsonDiff.of(null, json("{\"max_seq_length\": 256}")));
        assertEquals(List.of(new Row("max_seq_length", "256", null, Change.REMOVED)),
                JsonDiff.of(json("{\"max_seq_length\": 256}"), null));
        assertEquals(List.of(), JsonDiff.of(null, null));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
