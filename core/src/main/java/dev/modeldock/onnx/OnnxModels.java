package dev.modeldock.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.modeldock.plugin.ModelDockException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes ONNX files, with errors that say which file is wrong and how. */
public final class OnnxModels {

    /** Protobuf cannot serialise a message of 2 GiB or more, and Oracle refuses files that large. */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE;

    private OnnxModels() {
    }

    /**
     * Reads a self-contained ONNX model.
     *
     * @throws ModelDockException when the file is missing, is not ONNX, has no graph, or keeps its
     *                            weights in external data files
     */
    public static ModelProto read(Path file) {
        ModelProto model;
        try (InputStream in = Files.newInputStream(file)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            model = ModelProto.parseFrom(coded);
            // parseFrom stops quietly at an end-group tag (a text file starting with 't' parses as an
            // empty model), so insist that the whole file was one message.
            if (!coded.isAtEnd()) {
                throw new InvalidProtocolBufferException("parsing stopped before the end of the file");
            }
        } catch (NoSuchFileException e) {
            throw new ModelDockException("ONNX file " + file + " does not exist");
        } catch (InvalidProtocolBufferException e) {
            throw new ModelDockException(file + " is not a valid ONNX model (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new ModelDockException("cannot read ONNX file " + file + ": " + e.getMessage(), e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new ModelDockException(file + " is not a usable ONNX model: it has no graph nodes");
        }
        refuseExternalData(file, model.getGraph());
        return model;
    }

    /** Weights in external files, at any depth of subgraphs, cannot travel inside one pipeline file. */
    private static void refuseExternalData(Path file, GraphProto graph) {
        for (TensorProto initializer : graph.getInitializerList()) {
            if (initializer.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                throw new ModelDockException(file + " keeps its weights in external data files ("
                        + initializer.getName() + "); only self-contained ONNX files under 2 GB can be converted");
            }
        }
        for (NodeProto node : graph.getNodeList()) {
            for (AttributeProto attribute : node.getAttributeList()) {
                if (attribute.hasG()) {
                    refuseExternalData(file, attribute.getG());
                }
                attribute.getGraphsList().forEach(subgraph -> refuseExternalData(file, subgraph));
            }
        }
    }

    /** Writes {@code model} to {@code file}, refusing what would not fit in one ONNX file. */
    public static void write(ModelProto model, Path file) throws IOException {
        long size = model.getSerializedSize();
        if (size <= 0 || size >= MAX_FILE_BYTES) {
            throw new ModelDockException("the pipeline would be " + size + " bytes; an ONNX file (and Oracle)"
                    + " allows at most 2 GB");
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            model.writeTo(out);
        }
    }
}
