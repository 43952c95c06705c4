package dev.modeldock.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Sha256;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads and writes ONNX files, with errors that say which file is wrong and how. */
public final class OnnxModels {

    /** Protobuf cannot serialise a message of 2 GiB or more, and Oracle refuses files that large. */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE;

    private static final int READ_BUFFER_BYTES = 1 << 16;
    private static final int WRITE_CHUNK_BYTES = 1 << 20;

    private OnnxModels() {
    }

    /**
     * Reads a self-contained ONNX model.
     *
     * @throws ModelDockException when the file is missing, is not ONNX, has no graph, or keeps any
     *                            tensor (in any graph or function) in external data files
     */
    public static ModelProto read(Path file) {
        return usable(file, parse(file, ModelProto::parseFrom));
    }

    /**
     * Reads what a model is rather than what it computes: the model as {@link #read} gives it, but
     * with no tensor holding its values (raw_data, string_data, float_data and the other value
     * lists are empty wherever a tensor appears), which are skipped in the file unread. Heap use
     * therefore does not grow with the weights: enough to check a model's signature and metadata,
     * not to run or convert it.
     *
     * @throws ModelDockException in the same cases as {@link #read}, with the same messages
     */
    public static ModelProto readStructure(Path file) {
        return usable(file, parse(file, StructureReader::read));
    }

    /**
     * Reads what a model is, as {@link #readStructure(Path)} does, from a stream: for a model already
     * checked when it was taken in and kept elsewhere (a registry's artifact store). The tensors'
     * values are skipped as they stream by, so heap use does not grow with the weights.
     *
     * @param name what messages call the model
     * @throws ModelDockException when the stream is not ONNX or the model has no graph
     */
    public static ModelProto readStructure(InputStream stream, String name) {
        try (InputStream in = new BufferedInputStream(stream, READ_BUFFER_BYTES)) {
            ModelProto model = parseWhole(in, StructureReader::read);
            if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
                throw new ModelDockException(name + " is not a usable ONNX model: it has no graph nodes");
            }
            return model;
        } catch (InvalidProtocolBufferException e) {
            throw new ModelDockException(name + " is not a valid ONNX model (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new ModelDockException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a model from outside as {@link #read} does and applies {@link ModelChecks}: what must
     * hold before ONNX Runtime or any other native code may see it.
     *
     * @throws ModelStructureException for the first rule of {@link ModelChecks} the model breaks
     * @throws ModelDockException      in the same cases as {@link #read}
     */
    public static ModelProto readChecked(Path file) {
        ModelProto model = read(file);
        ModelChecks.check(file, model, ModelChecks.payloads(model));
        return model;
    }

    /**
     * Reads a model whose initializers may keep their values in external data files, as a model
     * source past 2 GB ships ({@code model.onnx} and {@code model.onnx_data}): the values are read
     * into the model ({@link ExternalData}), then it is checked as {@link #readChecked(Path)} checks.
     *
     * @param files finds each data file a tensor names, confined to the model's folder
     * @throws ModelStructureException for a data location or range that is not safe to read, and for
     *                                 the first rule of {@link ModelChecks} the model breaks
     * @throws ModelDockException      in the same cases as {@link #read}
     */
    public static ModelProto readChecked(Path file, ExternalData.Files files) {
        return readChecked(file, files, new WeightOrigins());
    }

    /**
     * The same, recording in {@code origins} where each weight read from external data lies in its
     * data file, so that a model written from them can name the file rather than copy the values.
     */
    public static ModelProto readChecked(Path file, ExternalData.Files files, WeightOrigins origins) {
        ModelProto model;
        try {
            model = ExternalData.inline(file.toString(), parseMapped(file), files, true, origins);
        } catch (IOException e) {
            throw new ModelDockException("cannot read the external data of " + file + ": " + e.getMessage(), e);
        }
        model = usable(file, model);
        ModelChecks.check(file, model, ModelChecks.payloads(model));
        return model;
    }

    /**
     * Reads a model from outside as {@link #readStructure} does, weights skipped, and applies
     * {@link ModelChecks}, which compare each tensor's declared size with what it holds as the values
     * are skipped: what must hold before ONNX Runtime or any other native code may see it.
     *
     * @throws ModelStructureException for the first rule of {@link ModelChecks} the model breaks
     * @throws ModelDockException      in the same cases as {@link #read}
     */
    public static ModelProto readStructureChecked(Path file) {
        List<TensorPayload> payloads = new ArrayList<>();
        ModelProto model = usable(file, parse(file, in -> StructureReader.read(in, payloads::add)));
        ModelChecks.check(file, model, payloads);
        return model;
    }

    /** A parser of a whole ModelProto that may stop early, at an end-group tag. */
    private interface ModelParser {
        ModelProto parse(CodedInputStream in) throws IOException;
    }

    private static ModelProto parse(Path file, ModelParser parser) {
        // Files.newInputStream, unlike FileInputStream, does not skip past the end of the file, so a
        // truncated file fails when a reader skips what the file no longer holds.
        return read(file, () -> {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), READ_BUFFER_BYTES)) {
                return parseWhole(in, parser);
            }
        });
    }

    /**
     * Parses the file through a read-only mapping, each tensor's values left where they lie in it
     * (protobuf's aliasing) rather than copied onto the heap: a model source is read whole for its
     * weights, which the pipeline is built from and written out once, so they need never be on the
     * heap, and the parse costs the structure, not the weights. Only a source is read this way,
     * a file ModelDock never writes or deletes while it is mapped.
     */
    private static ModelProto parseMapped(Path file) {
        return read(file, () -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                CodedInputStream coded = UnsafeByteOperations.unsafeWrap(channel.map(FileChannel.MapMode.READ_ONLY,
                        0, channel.size())).newCodedInput();
                coded.enableAliasing(true);
                return detached(parseWhole(coded, ModelProto::parseFrom));
            }
        });
    }

    /** One way of reading a whole model from its file. */
    private interface Reading {
        ModelProto read() throws IOException;
    }

    /** Refuses a file too large for one ONNX model, then reads it, saying which file is wrong and how. */
    private static ModelProto read(Path file, Reading reading) {
        refuseOverSize(file);
        try {
            return reading.read();
        } catch (NoSuchFileException e) {
            throw new ModelDockException("ONNX file " + file + " does not exist");
        } catch (InvalidProtocolBufferException e) {
            throw new ModelDockException(file + " is not a valid ONNX model (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new ModelDockException("cannot read ONNX file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The model with every field but the initializers' values copied out of the mapping it was parsed
     * from. Aliasing leaves each bytes and string field a slice of the mapping, and a slice keeps the
     * whole mapping: a node's name held by the plan would keep a 1.34 GB file mapped, and its pages
     * resident, through validation. The structure goes through the heap once (a few hundred KB);
     * the values stay in the mapping until the last of them is let go.
     */
    private static ModelProto detached(ModelProto aliased) throws InvalidProtocolBufferException {
        GraphProto.Builder stripped = aliased.getGraph().toBuilder();
        List<ByteString> values = new ArrayList<>();
        for (int i = 0; i < stripped.getInitializerCount(); i++) {
            TensorProto tensor = stripped.getInitializer(i);
            // raw_data has presence (proto2): a tensor without it keeps its values in another field.
            values.add(tensor.hasRawData() ? tensor.getRawData() : null);
            stripped.setInitializer(i, tensor.toBuilder().clearRawData());
        }
        ModelProto copied = ModelProto.parseFrom(aliased.toBuilder().setGraph(stripped).build().toByteString());
        GraphProto.Builder graph = copied.getGraph().toBuilder();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            if (values.get(i) != null) {
                graph.setInitializer(i, graph.getInitializer(i).toBuilder().setRawData(values.get(i)));
            }
        }
        return copied.toBuilder().setGraph(graph).build();
    }

    /**
     * Protobuf reads no message of 2 GiB or more, so such a file is no ONNX model one can read whole:
     * models this large keep their weights in external data files beside the model.
     */
    private static void refuseOverSize(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return; // reading it says what is wrong
        }
        if (size >= MAX_FILE_BYTES) {
            throw new ModelDockException(file + " is " + describeSize(size) + ", over the "
                    + describeSize(MAX_FILE_BYTES) + " one ONNX file can hold (protobuf's limit): a model this large"
                    + " keeps its weights in external data files beside the .onnx file (onnx.save_model(model, path,"
                    + " save_as_external_data=True)), which is how ModelDock reads a model source this large");
        }
    }

    private static ModelProto parseWhole(InputStream in, ModelParser parser) throws IOException {
        return parseWhole(CodedInputStream.newInstance(in), parser);
    }

    private static ModelProto parseWhole(CodedInputStream coded, ModelParser parser) throws IOException {
        coded.setSizeLimit(Integer.MAX_VALUE);
        ModelProto model = parser.parse(coded);
        // Parsing stops quietly at an end-group tag (a text file starting with 't' parses as an
        // empty model), so insist that the whole file was one message.
        if (!coded.isAtEnd()) {
            throw new InvalidProtocolBufferException("parsing stopped before the end of the file");
        }
        return model;
    }

    private static ModelProto usable(Path file, ModelProto model) {
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new ModelDockException(file + " is not a usable ONNX model: it has no graph nodes");
        }
        ModelChecks.refuseExternalData(file, model);
        return model;
    }

    /** Writes {@code model} to {@code file}, refusing what would not fit in one ONNX file. */
    public static void write(ModelProto model, Path file) throws IOException {
        writeHashed(model, file);
    }

    /**
     * {@link #write}, returning the file's SHA-256 taken as its bytes went out: a 1 GB file need not
     * be read back for its digest.
     */
    public static String writeHashed(ModelProto model, Path file) throws IOException {
        long size = serializedSize(model);
        if (size == 0 || size >= MAX_FILE_BYTES) {
            throw new ModelDockException("the pipeline would be " + describeSize(size) + "; one ONNX file (and"
                    + " Oracle) holds at most " + describeSize(MAX_FILE_BYTES));
        }
        MessageDigest digest = Sha256.newDigest();
        OutputStream hashed = new DigestOutputStream(new Chunked(Files.newOutputStream(file)), digest);
        try (OutputStream out = new BufferedOutputStream(hashed, WRITE_CHUNK_BYTES)) {
            model.writeTo(out);
        }
        return Sha256.hex(digest);
    }

    /**
     * Hands a file stream at most 1 MB at a time. Protobuf writes a tensor's values in one call, and
     * the JDK copies each write through a temporary native buffer of its size, kept for the thread:
     * a 256 MB table would leave 256 MB of native memory behind.
     */
    private static final class Chunked extends FilterOutputStream {
        Chunked(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            for (int done = 0; done < length; done += WRITE_CHUNK_BYTES) {
                out.write(bytes, offset + done, Math.min(WRITE_CHUNK_BYTES, length - done));
            }
        }
    }

    /**
     * The bytes {@code model} takes as one file. Protobuf counts sizes in an {@code int}, which turns
     * negative past 2 GiB; each initializer is below that, so the graph is counted without them and
     * they are added one by one.
     */
    public static long serializedSize(ModelProto model) {
        GraphProto graph = model.getGraph();
        long graphBytes = graph.toBuilder().clearInitializer().build().getSerializedSize();
        for (TensorProto initializer : graph.getInitializerList()) {
            graphBytes += field(GraphProto.INITIALIZER_FIELD_NUMBER, initializer.getSerializedSize());
        }
        long rest = model.toBuilder().clearGraph().build().getSerializedSize();
        return rest + (model.hasGraph() ? field(ModelProto.GRAPH_FIELD_NUMBER, graphBytes) : 0);
    }

    /** A length-delimited field's bytes: its tag, its length, its contents. */
    private static long field(int number, long length) {
        return CodedOutputStream.computeTagSize(number) + CodedOutputStream.computeUInt64SizeNoTag(length) + length;
    }

    /** A file size as people read it and as tools print it: "2200000000 bytes (2.2 GB)", "265 bytes". */
    public static String describeSize(long bytes) {
        if (bytes >= 1e9) {
            return String.format(Locale.ROOT, "%d bytes (%.1f GB)", bytes, bytes / 1e9);
        }
        return bytes >= 1e6 ? String.format(Locale.ROOT, "%d bytes (%.0f MB)", bytes, bytes / 1e6) : bytes + " bytes";
    }
}
