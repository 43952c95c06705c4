/**
 * The second stage: a conversion with every decision made before any graph is built
 * ({@link dev.modeldock.plan.PipelinePlan}: tokenizer, post-processor chain and widths, sequence
 * length) and the opset the pipeline is labelled with ({@link dev.modeldock.plan.OpsetPolicy}). The
 * checks that need no encoder graph ({@link dev.modeldock.plan.ConfigurationCheck}) can also run on
 * their own, before a conversion is queued.
 *
 * <p>Engine-internal: imports the source stage and the foundations only.
 */
package dev.modeldock.plan;
