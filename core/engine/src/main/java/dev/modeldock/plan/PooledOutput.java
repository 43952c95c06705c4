package dev.modeldock.plan;

import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.plugin.Activation;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Parameters;
import dev.modeldock.source.EncoderGraph;
import dev.modeldock.source.HubModel;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Where an embedding pipeline starts when the encoder pools by itself: CLIP's text tower exported with
 * its projection ({@code CLIPTextModelWithProjection}) gives {@code text_embeds}, one vector per text
 * (the end-of-text token's hidden state through the text projection), so the post-processors start
 * from a sentence embedding. Pooling does not apply there and is refused; Normalize and Dense apply as
 * they do after a Pooling. A CLIP model exported without its projection is refused: its token
 * embeddings are not what CLIP embeds with.
 */
final class PooledOutput {
    private static final Set<String> CLIP_ARCHITECTURES = Set.of("CLIPModel", "CLIPTextModel",
            "CLIPTextModelWithProjection");
    private static final String POOLING = "Pooling";

    private PooledOutput() {
    }

    /**
     * The activation an embedding pipeline starts from when the encoder pooled it, else empty (the
     * pipeline starts from the token embeddings).
     *
     * @throws ModelDockException for a CLIP model without {@code text_embeds}, or a Pooling step after one
     */
    static Optional<Activation> start(HubModel model, EncoderGraph encoder, EmbeddingModelConfig config) {
        Optional<ValueInfoProto> pooled = encoder.pooledOutput();
        if (pooled.isEmpty()) {
            requireNoClip(model, encoder);
            return Optional.empty();
        }
        String name = pooled.get().getName();
        List<String> pooling = config.postProcessors().stream().map(Parameters::name).filter(POOLING::equals)
                .toList();
        if (!pooling.isEmpty()) {
            throw new ModelDockException("model '" + model.folder().id() + "' gives one embedding per text already:"
                    + " its encoder output " + name + " is pooled inside the encoder (CLIP's end-of-text token"
                    + " through the text projection), so post_processor Pooling does not apply; leave it out and"
                    + " keep the rest, e.g. \"post_processors\": [{\"name\": \"Normalize\"}] as OML4Py's"
                    + " multimodal_clip template has it");
        }
        return Optional.of(new Activation(name, width(model, pooled.get()), false));
    }

    private static void requireNoClip(HubModel model, EncoderGraph encoder) {
        Optional<String> clip = model.architectures().stream().filter(CLIP_ARCHITECTURES::contains).findFirst();
        if (clip.isPresent()) {
            throw new ModelDockException("model '" + model.folder().id() + "' is a CLIP model (config.json names "
                    + clip.get() + "), whose text embedding is the text tower's " + EncoderGraph.TEXT_EMBEDS
                    + " [batch, width] output, but its encoder has " + encoder.outputNames() + ": export the text"
                    + " tower with its projection (CLIPTextModelWithProjection, as Xenova/clip-vit-base-patch32's"
                    + " onnx/text_model.onnx is)");
        }
    }

    /** The pooled output's fixed width, else config.json's projection_dim. */
    private static int width(HubModel model, ValueInfoProto pooled) {
        int declared = EncoderGraph.lastDimension(pooled);
        OptionalInt projection = model.projectionDim();
        if (declared > 0 && projection.isPresent() && projection.getAsInt() != declared) {
            throw new ModelDockException("config.json says projection_dim " + projection.getAsInt()
                    + " but the encoder's output " + pooled.getName() + " has " + declared);
        }
        if (declared > 0) {
            return declared;
        }
        return projection.orElseThrow(() -> new ModelDockException("cannot tell the width of the encoder's output "
                + pooled.getName() + ": it has no fixed last dimension and config.json no projection_dim"));
    }
}
