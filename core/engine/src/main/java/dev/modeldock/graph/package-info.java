/**
 * The third stage: the pipeline graph built from a plan
 * ({@link dev.modeldock.graph.PipelineAssembler}: string {@code input} → tokenizer → encoder →
 * post-processors → {@code embedding}), through the plugin-facing graph builder
 * ({@link dev.modeldock.graph.ProtoGraphBuilder}), with merging and pruning.
 *
 * <p>Engine-internal: imports the plan and source stages and the foundations only.
 */
package dev.modeldock.graph;
