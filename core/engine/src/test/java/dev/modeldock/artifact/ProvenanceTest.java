package dev.modeldock.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modeldock.config.Json;
import dev.modeldock.host.ToolVersion;
import dev.modeldock.source.ChecksumMismatch;
import dev.modeldock.transform.WeightFormat;
import dev.modeldock.validation.ParityReport;
import dev.modeldock.validation.QualityReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where an artifact came from, in its one JSON form. */
class ProvenanceTest {
    private static final ParityReport PARITY = new ParityReport(Map.of());
    private static final QualityReport QUALITY = new QualityReport(WeightFormat.INT8, 30, 0.994, 0.98, 36, 35, 36, 35,
            90_000_000, 23_000_000, false);

    @Test
    void toMapHoldsEveryFieldUnderItsNameInOneOrder() {
        Provenance provenance = new Provenance(Provenance.Kind.CONVERTED, "org/model", "0123abc",
                Map.of("config.json", "00"), Map.of("max_seq_length", 256), Map.of("tokenizer:bert", "bert@1.0"),
                "ModelDock 1", PARITY, QUALITY, List.of(new ChecksumMismatch("config.json", "aa", "bb")));
        Map<String, Object> map = provenance.toMap();
        assertEquals(List.of("kind", "source", "revision", "sourceFiles", "configuration", "plugins", "tool", "parity",
                "quality", "checksumWarnings"),
                List.copyOf(map.keySet()));
        assertEquals("converted", map.get("kind"));
        assertEquals("org/model", map.get("source"));
        assertEquals("0123abc", map.get("revision"));
        assertEquals(Map.of("config.json", "00"), map.get("sourceFiles"));
        assertEquals(Map.of("max_seq_length", 256), map.get("configuration"));
        assertEquals(Map.of("tokenizer:bert", "bert@1.0"), map.get("plugins"));
        assertEquals("ModelDock 1", map.get("tool"));
        assertEquals(PARITY.toMap(), map.get("parity"));
        assertEquals(QUALITY.toMap(), map.get("quality"));
        assertEquals(List.of(Map.of("file", "config.json", "expected", "aa", "actual", "bb")), map.get("checksumWarnings"));
    }

    @Test
    void pluginsAndSourceFilesAreListedInNameOrderWhateverOrderTheyWereGivenIn() throws Exception {
        Map<String, String> plugins = new LinkedHashMap<>();
        plugins.put("tokenizer:bert", "tokenizer-bert@1.0");
        plugins.put("post_processor:Pooling", "postprocessors@1.0");
        plugins.put("post_processor:Normalize", "postprocessors@1.0");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("tokenizer.json", "11");
        files.put("1_Pooling/config.json", "22");
        files.put("config.json", "33");
        Provenance provenance = Provenance.converted("org/model", null, files, Map.of(), plugins, PARITY, null, List.of());

        assertEquals(List.of("post_processor:Normalize", "post_processor:Pooling", "tokenizer:bert"),
                List.copyOf(provenance.plugins().keySet()));
        assertEquals(List.of("1_Pooling/config.json", "config.json", "tokenizer.json"),
                List.copyOf(provenance.sourceFiles().keySet()));
        List<String> roles = new ArrayList<>(plugins.keySet());
        Collections.reverse(roles);
        Map<String, String> reversed = new LinkedHashMap<>();
        roles.forEach(role -> reversed.put(role, plugins.get(role)));
        ObjectMapper json = Json.MAPPER;
        assertEquals(json.writeValueAsString(provenance.toMap()), json.writeValueAsString(
                Provenance.converted("org/model", null, files, Map.of(), reversed, PARITY, null, List.of()).toMap()));
    }

    @Test
    void aConversionRecordsTheRunningToolAndAnAbsentRevisionAsNull() {
        Provenance provenance = Provenance.converted("/models/org/model", null, Map.of(), Map.of(), Map.of(), PARITY, null, List.of());
        assertEquals(Provenance.Kind.CONVERTED, provenance.kind());
        assertEquals(ToolVersion.current(), provenance.tool());
        assertTrue(provenance.toMap().containsKey("revision"), "the field exists even when nobody knows the revision");
        assertNull(provenance.toMap().get("revision"));
    }

    @Test
    void aConversionWithoutConfigurationOrParityReportIsRefused() {
        assertThrows(NullPointerException.class, () -> Provenance.converted("m", null, Map.of(), null, Map.of(), PARITY, null, List.of()));
        assertThrows(NullPointerException.class, () -> Provenance.converted("m", null, Map.of(), Map.of(), Map.of(), null, null, List.of()));
    }

    @Test
    void anUploadHasItsFileAsItsOnlyInputAndNoConfigurationPluginsOrParity() {
        Provenance provenance = Provenance.uploaded("/home/me/iris.onnx", "iris.onnx", "ab12");
        Map<String, Object> map = provenance.toMap();
        assertEquals("uploaded", map.get("kind"));
        assertEquals("/home/me/iris.onnx", map.get("source"));
        assertEquals(Map.of("iris.onnx", "ab12"), map.get("sourceFiles"));
        assertNull(map.get("configuration"));
        assertEquals(Map.of(), map.get("plugins"));
        assertNull(map.get("parity"));
        assertEquals(ToolVersion.current(), map.get("tool"));
    }

    @Test
    void theRecordCannotBeChangedThroughTheMapsItWasGivenOrHandsOut() {
        Map<String, String> files = new LinkedHashMap<>(Map.of("config.json", "00"));
        Map<String, Object> configuration = new LinkedHashMap<>(Map.of("max_seq_length", 256));
        Provenance provenance = Provenance.converted("m", null, files, configuration, Map.of(), PARITY, null, List.of());
        files.put("vocab.txt", "11");
        configuration.put("max_seq_length", 512);
        assertEquals(Map.of("config.json", "00"), provenance.sourceFiles());
        assertEquals(256, provenance.configuration().get("max_seq_length"));
        assertThrows(UnsupportedOperationException.class, () -> provenance.sourceFiles().put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> provenance.plugins().put("x", "y"));
    }
}
