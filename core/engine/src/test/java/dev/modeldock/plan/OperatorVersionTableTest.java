package dev.modeldock.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in schema history, read here independently of {@link OpsetPolicy}, checked against facts of
 * the ONNX operator changelog (onnx 1.16, opsets 1 to 21).
 */
class OperatorVersionTableTest {
    private static final Map<String, List<Integer>> TABLE = new HashMap<>();

    @BeforeAll
    static void parseTable() throws IOException {
        try (InputStream in = OpsetPolicy.class.getResourceAsStream("ai-onnx-op-versions.txt")) {
            assertNotNull(in, "ai-onnx-op-versions.txt is not on the class path beside OpsetPolicy");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.trim().split("\\s+");
                assertTrue(fields.length >= 2, "an operator without versions: " + line);
                assertFalse(TABLE.containsKey(fields[0]), "listed twice: " + fields[0]);
                TABLE.put(fields[0], Arrays.stream(fields, 1, fields.length).map(Integer::valueOf).toList());
            }
        }
    }

    @Test
    void versionsAreStrictlyAscendingAndWithinOpsets1To21() {
        TABLE.forEach((operator, versions) -> {
            for (int i = 0; i < versions.size(); i++) {
                assertTrue(versions.get(i) >= 1 && versions.get(i) <= 21, operator + " " + versions);
                assertTrue(i == 0 || versions.get(i) > versions.get(i - 1), operator + " not ascending: " + versions);
            }
        });
        assertTrue(TABLE.size() > 150, "the ai.onnx domain has well over 150 operators, table has " + TABLE.size());
    }

    @Test
    void layerNormalizationFirstAppearsAtOpset17() {
        assertEquals(List.of(17), TABLE.get("LayerNormalization"));
    }

    @Test
    void transformerOperatorsHaveTheirChangelogVersions() {
        assertEquals(List.of(1, 5, 13, 14, 19, 21), TABLE.get("Reshape"));
        assertEquals(List.of(1, 11, 13, 18), TABLE.get("ReduceMean"));
        assertEquals(List.of(1, 11, 13, 21), TABLE.get("Unsqueeze"));
        assertEquals(List.of(1, 11, 13), TABLE.get("Softmax"));
        assertEquals(List.of(1, 9, 13), TABLE.get("MatMul"));
        assertEquals(List.of(9, 13), TABLE.get("Erf"));
        assertEquals(List.of(9, 16), TABLE.get("Where"));
        assertEquals(List.of(1, 7, 12, 13, 15), TABLE.get("Pow"));
        assertEquals(List.of(1, 13, 15, 19, 21), TABLE.get("Shape"));
        assertEquals(List.of(20), TABLE.get("Gelu"));
        assertEquals(List.of(1, 11, 12, 13, 18, 20), TABLE.get("ReduceMax"));
    }

    @Test
    void everyMiniLmOperatorIsInTheTable() {
        for (String op : List.of("Add", "Cast", "Concat", "Constant", "ConstantOfShape", "Div", "Equal", "Erf",
                "Expand", "Gather", "MatMul", "Mul", "Pow", "ReduceMean", "Reshape", "Shape", "Slice", "Softmax",
                "Sqrt", "Sub", "Tanh", "Transpose", "Unsqueeze", "Where")) {
            assertTrue(TABLE.containsKey(op), op);
        }
    }

    @Test
    void everyReviewedCompatibleChangeIsASchemaVersionOfTheTable() throws IOException {
        List<String> compatible = compatibleChanges();
        assertFalse(compatible.isEmpty());
        for (String change : compatible) {
            String[] parts = change.split(" ");
            assertTrue(TABLE.containsKey(parts[0]), "unknown operator in " + change);
            assertTrue(TABLE.get(parts[0]).contains(Integer.valueOf(parts[1])), "no such schema version: " + change);
        }
    }

    @Test
    void compatibleChangesIncludeTypeWideningsButNoSemanticChanges() throws IOException {
        List<String> compatible = compatibleChanges();
        for (String widening : List.of("Pow 15", "Shape 15", "Where 16", "Add 14", "Reshape 14")) {
            assertTrue(compatible.contains(widening), widening);
        }
        // ReduceMean-18 moved axes to an input, Unsqueeze-13 likewise, BatchNormalization-14 changed its outputs,
        // RoiAlign-16 changed a default: none of them may be listed.
        for (String breaking : List.of("ReduceMean 18", "Unsqueeze 13", "BatchNormalization 14", "RoiAlign 16",
                "Reshape 19", "Split 18")) {
            assertFalse(compatible.contains(breaking), breaking);
        }
    }

    /** "Name version" of each line of ai-onnx-compatible-changes.txt. */
    private static List<String> compatibleChanges() throws IOException {
        try (InputStream in = OpsetPolicy.class.getResourceAsStream("ai-onnx-compatible-changes.txt")) {
            assertNotNull(in, "ai-onnx-compatible-changes.txt is not on the class path beside OpsetPolicy");
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.trim().split("\\s+"))
                    .map(fields -> fields[0] + " " + fields[1]).toList();
        }
    }

    @Test
    void contribOperatorsAreNotPartOfTheDefaultDomainTable() {
        assertFalse(TABLE.containsKey("BertTokenizer"));
        assertFalse(TABLE.containsKey("FusedMatMul"));
    }
}
