package dev.modeldock.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.plugin.ExportRequest.Layout;
import dev.modeldock.plugin.ExternalDataPackage;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.registry.Limits;
import dev.modeldock.registry.OwnerOnlyFile;
import dev.modeldock.registry.Registry;
import dev.modeldock.registry.Version;
import dev.modeldock.service.isolation.IsolatedRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The playground: a few texts embedded with one version's pipeline, on the server, to see what the
 * vectors look like and how alike the texts are. ONNX Runtime runs in the isolated worker, never in
 * the server's process; the version's artifact is unpacked for it into scratch space, named by its
 * SHA-256, and the last few stay there for the next request.
 */
public final class PlaygroundService {
    public static final int MAX_TEXTS = 16;
    public static final int MAX_CHARS = 2000;
    /** How many versions' files stay unpacked between requests. */
    private static final int KEPT_FILES = 2;
    /** A package's members are kept in a folder named by the artifact's SHA-256 and this. */
    private static final String PACKAGE_SUFFIX = ".package";

    /**
     * One text's vector, described.
     *
     * @param norm its L2 norm (1 for a normalized embedding)
     */
    public record Embedded(String text, int dimensions, double norm) {
    }

    /**
     * What the texts gave.
     *
     * @param cosine the cosine similarity of each pair of vectors, [i][j]; NaN where a vector is all zeros
     */
    public record Result(Version version, List<Embedded> texts, double[][] cosine) {
    }

    private final Registry registry;
    private final IsolatedRuntime isolated;
    private final Path folder;

    PlaygroundService(Registry registry, IsolatedRuntime isolated, Path folder) {
        this.registry = registry;
        this.isolated = isolated;
        this.folder = folder;
    }

    /**
     * Embeds {@code texts} with the version's pipeline.
     *
     * @param ref the version's number or alias
     * @throws ModelDockException for no texts, too many or too long ones, a version that is not an
     *                            embedding model, or a pipeline that does not take text
     */
    public synchronized Result embed(String model, String ref, List<String> texts) throws IOException {
        check(texts);
        Version version = registry.versions().get(model, ref);
        JsonNode metadata = Json.tree(version.metadata());
        String function = metadata == null ? "" : metadata.path("function").asText("");
        String name = "model " + model + " version " + version.number();
        if (!function.equals("embedding")) {
            throw new ModelDockException(name + " is a " + (function.isEmpty() ? "model of no stated function"
                    : function + " model") + "; the playground embeds texts with embedding models only");
        }
        Path file = unpacked(version);
        List<float[]> vectors;
        try {
            vectors = isolated.embed(file, texts);
        } catch (ModelDockException e) {
            throw new ModelDockException(String.valueOf(e.getMessage()).replace(file.toString(), name), e);
        }
        List<Embedded> embedded = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            embedded.add(new Embedded(texts.get(i), vectors.get(i).length, norm(vectors.get(i))));
        }
        return new Result(version, embedded, cosines(vectors));
    }

    private static void check(List<String> texts) {
        if (texts == null || texts.isEmpty()) {
            throw new ModelDockException("type at least one text to embed");
        }
        if (texts.size() > MAX_TEXTS) {
            throw new ModelDockException("the playground embeds at most " + MAX_TEXTS + " texts at a time, not "
                    + texts.size());
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new ModelDockException("text " + (i + 1) + " is missing");
            }
            Limits.check("text " + (i + 1), texts.get(i), MAX_CHARS);
        }
    }

    /**
     * The version's pipeline as a file the worker can open, verified as it is read: the artifact named
     * by its SHA-256, or for a package the ONNX file in a folder of its members, beside its data.
     */
    private Path unpacked(Version version) throws IOException {
        OwnerOnlyFile.folder(folder);
        boolean onnx = VersionFiles.layout(version) == Layout.ONNX;
        Path kept = folder.resolve(version.artifactSha256() + (onnx ? ".onnx" : PACKAGE_SUFFIX));
        if (!Files.exists(kept)) {
            Path partial = Files.createTempDirectory(folder, "unpacking-");
            try {
                Path artifact = partial.resolve("artifact");
                try (InputStream in = registry.artifacts().open(version.artifactSha256())) {
                    Files.copy(in, artifact);
                }
                if (onnx) {
                    Files.move(artifact, kept, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    VersionFiles.verify(version, artifact);
                    ExternalDataPackage.unpack(artifact, partial.resolve("members"));
                    Files.move(partial.resolve("members"), kept, StandardCopyOption.ATOMIC_MOVE);
                }
            } finally {
                ScratchSpace.delete(partial);
            }
        }
        Files.setLastModifiedTime(kept, FileTime.fromMillis(System.currentTimeMillis()));
        evictAllBut(KEPT_FILES);
        return onnx ? kept : kept.resolve(ExternalDataPackage.model(VersionFiles.of(version)).name());
    }

    private void evictAllBut(int kept) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> old = files.filter(f -> f.getFileName().toString().endsWith(".onnx")
                            || f.getFileName().toString().endsWith(PACKAGE_SUFFIX))
                    .sorted(Comparator.comparing(PlaygroundService::modified).reversed()).skip(kept).toList();
            for (Path file : old) {
                ScratchSpace.delete(file);
            }
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0; // gone already
        }
    }

    static double norm(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += (double) value * value;
        }
        return Math.sqrt(sum);
    }

    static double[][] cosines(List<float[]> vectors) {
        int n = vectors.size();
        double[][] cosine = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float[] a = vectors.get(i);
                float[] b = vectors.get(j);
                double dot = 0;
                for (int k = 0; k < Math.min(a.length, b.length); k++) {
                    dot += (double) a[k] * b[k];
                }
                double norms = norm(a) * norm(b);
                cosine[i][j] = norms == 0 || a.length != b.length ? Double.NaN : dot / norms;
            }
        }
        return cosine;
    }
}
