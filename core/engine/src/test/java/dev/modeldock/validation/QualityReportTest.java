package dev.modeldock.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.config.Json;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.transform.WeightFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class QualityReportTest {

    private static QualityReport int8(double meanCosine) {
        return new QualityReport(WeightFormat.INT8, 45, meanCosine, meanCosine - 0.02, 36, 33, 36, 34, 90_400_000,
                23_100_000, false);
    }

    @Test
    void int8PassesAtAMeanCosineOf098AndNotBelow() {
        assertTrue(int8(0.98).passed());
        assertFalse(int8(0.9799).passed());
        assertFalse(new QualityReport(WeightFormat.FLOAT16, 45, 0.9985, 0.99, 36, 36, 36, 36, 2, 1, false).passed(),
                "float16 is held to 0.999");
    }

    @Test
    void theRefusalGivesTheFiguresTheGateAndTheWayOut() {
        String refusal = int8(0.9612).refusal();
        assertTrue(refusal.startsWith("the int8 pipeline's vectors are too far from the float32 pipeline's: mean"
                + " cosine 0.9612 on 45 probe texts is below the int8 gate of 0.980"), refusal);
        assertTrue(refusal.contains("top-1 retrieval agrees on 33 of 36 queries"), refusal);
        assertTrue(refusal.contains("export without quantize_model, or set ignore_quality_gate (--ignore-quality-gate)"),
                refusal);
    }

    @Test
    void describeStatesTheLossAndTheSize() {
        assertEquals("int8 against float32 on 45 texts: mean cosine 0.994000, min 0.974000; top-1 retrieval agrees on"
                + " 33 of 36 queries (answers found: float32 36, int8 34); 23.1 MB, 0.26 of float32's 90.4 MB",
                int8(0.994).describe());
    }

    @Test
    void theJsonFormHasEveryFigureInOneOrder() {
        Map<String, Object> map = int8(0.994).toMap();
        assertEquals(List.of("weights", "passed", "minMeanCosine", "waived", "texts", "meanCosine", "minCosine",
                "queries", "top1Agreement", "float32Top1Hits", "top1Hits", "float32Bytes", "bytes"),
                List.copyOf(map.keySet()));
        assertEquals("int8", map.get("weights"));
        assertEquals(0.98, map.get("minMeanCosine"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJsonFormReadsBackAsTheSameReport() throws Exception {
        QualityReport report = new QualityReport(WeightFormat.FLOAT16, 41, 0.9999998, 0.9999996, 36, 36, 34, 34,
                90_645_561L, 45_565_409L, true);
        Map<String, Object> json = Json.MAPPER.readValue(Json.write(report.toMap()), Map.class);
        assertEquals(report, QualityReport.fromMap(json));
        json.remove("meanCosine");
        assertThrows(IllegalArgumentException.class, () -> QualityReport.fromMap(json));
    }

    @Test
    void theFormatFollowsTheConfigurationWhichCannotAskForBoth() {
        assertEquals(WeightFormat.FLOAT32, WeightFormat.of(EmbeddingModelConfig.defaults()));
        assertEquals(WeightFormat.INT8, WeightFormat.of(EmbeddingModelConfig.defaults()
                .with(Map.of("quantize_model", true))));
        assertEquals(WeightFormat.FLOAT16, WeightFormat.of(EmbeddingModelConfig.defaults()
                .with(Map.of("use_float16", true))));
        Executable both = () -> EmbeddingModelConfig.defaults().with(Map.of("quantize_model", true, "use_float16", true));
        assertTrue(assertThrows(ModelDockException.class, both).getMessage()
                .contains("choose one"));
    }
}
