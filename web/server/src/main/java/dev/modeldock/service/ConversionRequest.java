package dev.modeldock.service;

import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.plan.PipelineFunction;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A conversion as the API receives it.
 *
 * @param source            a hub id ({@code org/name}), downloaded into the server's cache unless it is
 *                          there, or a folder on the server in hub layout
 * @param revision          the hub revision (branch, tag or commit) of a hub id; null for {@code main},
 *                          and for a folder
 * @param template          a configuration template ({@code text}); null for a preconfigured model
 * @param config            configuration properties over the template or preconfigured defaults
 * @param ignoreQualityGate keep an int8 or float16 pipeline whose vectors fall below its quality gate
 *                          against float32 (the version records the waiver); absent or null is false
 * @param function          what the pipeline computes, as OML4Py's {@code ONNXPipeline(function=...)}
 *                          names it ({@code embedding}, {@code regression}: a reranker, …); absent or
 *                          null is embedding
 * @param targetRelease     the Oracle Database release the pipeline is for, 23 or 26, which bounds its
 *                          file size (1 GB, 2 GB); absent or null is 23
 */
public record ConversionRequest(String source, String revision, String template, Map<String, Object> config,
        Boolean ignoreQualityGate, String function, Integer targetRelease) {
    public ConversionRequest {
        ignoreQualityGate = Boolean.TRUE.equals(ignoreQualityGate);
    }

    /** Whether a pipeline below its quality gate is kept rather than refused. */
    public boolean ignoresQualityGate() {
        return ignoreQualityGate;
    }

    /** The values {@code function} takes: every function the engine builds pipelines for, embedding first. */
    public static List<String> functions() {
        return Arrays.stream(PipelineFunction.values()).map(PipelineFunction::jsonName).toList();
    }

    /**
     * The function asked for; embedding when none is given.
     *
     * @throws dev.modeldock.plugin.ModelDockException naming the functions there are, for an unknown one
     */
    public PipelineFunction pipelineFunction() {
        return function == null ? PipelineFunction.EMBEDDING : PipelineFunction.parse(function);
    }

    /** The values {@code targetRelease} takes: the Oracle Database releases, oldest first. */
    public static List<Integer> releases() {
        return OracleRelease.numbers();
    }

    /**
     * The release asked for; 23ai when none is given.
     *
     * @throws dev.modeldock.plugin.ModelDockException naming the releases there are, for another number
     */
    public OracleRelease release() {
        return targetRelease == null ? OracleRelease.DEFAULT : OracleRelease.of(targetRelease);
    }
}
