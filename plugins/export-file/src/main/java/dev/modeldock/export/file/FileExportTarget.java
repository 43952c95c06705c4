package dev.modeldock.export.file;

import dev.modeldock.plugin.DeployedState;
import dev.modeldock.plugin.ExportReceipt;
import dev.modeldock.plugin.ExportRequest;
import dev.modeldock.plugin.ExportRequest.Layout;
import dev.modeldock.plugin.ExportTarget;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Progress;
import dev.modeldock.plugin.Setting;
import dev.modeldock.plugin.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pf4j.Extension;

/**
 * Writes {@code NAME.onnx} and {@code NAME.json} (the Oracle import metadata) into the folder given
 * by the {@code output_dir} setting, which is required: a target that silently wrote into whatever
 * the working directory happens to be would scatter models where nobody looks. An existing export of
 * the same name is replaced unless the {@code replace} setting is {@code "false"}. It needs no name
 * of its own: a registry gives it the model's. A name given with its extension
 * ({@code model.onnx}) writes {@code model.onnx}, not {@code model.onnx.onnx}. A model with external
 * data ({@link Layout#EXTERNAL_DATA_PACKAGE}) is written as {@code NAME.zip}, the package as it is, as
 * OML4Py's export2file writes a large model.
 *
 * <p>Both files are written under temporary names in the same folder and renamed into place only
 * once complete and checked against the artifact's SHA-256 (a model the host is about to delete is
 * renamed there instead, where it lies on the same filesystem); an earlier export of the same name is
 * replaced as a pair or not at all, so a failure never leaves a truncated model, or a new model
 * beside old metadata, where a good export was.
 */
@Extension
public final class FileExportTarget implements ExportTarget {
    private static final String OUTPUT_DIR = "output_dir";

    @Override
    public String name() {
        return "file";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.of(OUTPUT_DIR, Setting.Type.PATH, "the folder NAME.onnx and NAME.json are written to;"
                + " created if missing").asRequired());
    }

    @Override
    public boolean needsName() {
        return false;
    }

    @Override
    public void check(String name, Map<String, String> settings) {
        ExportName.check(name);
        OutputFolder.problem(outputDir(settings)).ifPresent(problem -> {
            throw new ModelDockException(problem);
        });
    }

    @Override
    public ExportReceipt export(ExportRequest request, Progress progress) throws IOException {
        check(request.name(), request.settings());
        Path folder = outputDir(request.settings());
        OutputFolder.create(folder);
        String base = ExportName.base(request.name());
        Path model = ExportName.resolve(folder, base + extension(request));
        Path metadata = ExportName.resolve(folder, base + ".json");
        for (Path target : List.of(model, metadata)) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new ModelDockException(target + " exists and is not a regular file; it is left alone");
            }
            if ("false".equals(request.settings().get("replace")) && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new ModelDockException(target + " already exists; deploy with replace to overwrite it");
            }
        }
        // Not createTempFile: its owner-only permissions would carry over to the published files.
        String suffix = "." + UUID.randomUUID();
        Path modelPart = ExportName.resolve(folder, "." + base + extension(request) + suffix + ".part");
        Path metadataPart = ExportName.resolve(folder, "." + base + ".json" + suffix + ".part");
        try {
            long bytes = request.disposable() && moved(request.model(), modelPart) ? Files.size(modelPart)
                    : copyChecked(request, modelPart, progress);
            Files.writeString(metadataPart, request.metadata(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            publishTogether(List.of(modelPart, metadataPart), List.of(model, metadata), suffix);
            progress.report("wrote " + model, 1.0);
            return new ExportReceipt(name(), model.toString(), request.sha256(), bytes);
        } finally {
            Files.deleteIfExists(modelPart);
            Files.deleteIfExists(metadataPart);
        }
    }

    /**
     * Renames each finished part over its target, so that either every target holds the new bytes or
     * every target still holds what it held before: earlier files are first moved aside, and moved
     * back if any rename fails.
     */
    private static void publishTogether(List<Path> parts, List<Path> targets, String suffix) throws IOException {
        List<Path> backups = new ArrayList<>();
        int published = 0;
        try {
            for (Path target : targets) {
                Path backup = target.resolveSibling("." + target.getFileName() + suffix + ".old");
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(target, backup, StandardCopyOption.ATOMIC_MOVE);
                    backups.add(backup);
                } else {
                    backups.add(null);
                }
            }
            for (; published < parts.size(); published++) {
                Files.move(parts.get(published), targets.get(published), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            for (int i = 0; i < published; i++) {
                Files.deleteIfExists(targets.get(i));
            }
            for (int i = 0; i < backups.size(); i++) {
                if (backups.get(i) != null) {
                    Files.move(backups.get(i), targets.get(i), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            throw e;
        }
        for (Path backup : backups) {
            if (backup != null) {
                Files.delete(backup);
            }
        }
    }

    /** Compares the file now at {@code output_dir/NAME.onnx} (or {@code NAME.zip}) with the artifact, by SHA-256. */
    @Override
    public DeployedState inspect(ExportRequest expected) throws IOException {
        check(expected.name(), expected.settings());
        Path model = ExportName.resolve(outputDir(expected.settings()), ExportName.base(expected.name())
                + extension(expected));
        if (!Files.isRegularFile(model, LinkOption.NOFOLLOW_LINKS)) {
            return DeployedState.absent(model + " does not exist");
        }
        String actual = Sha256.of(model);
        return actual.equals(expected.sha256()) ? DeployedState.same(model + " has SHA-256 " + actual)
                : DeployedState.differs(model + " has SHA-256 " + actual + ", not the deployed " + expected.sha256());
    }

    /** {@code .onnx} for one ONNX file, {@code .zip} for a package of one with its external data. */
    private static String extension(ExportRequest request) {
        return request.layout() == Layout.EXTERNAL_DATA_PACKAGE ? ".zip" : ".onnx";
    }

    private static Path outputDir(Map<String, String> settings) {
        String folder = settings.get(OUTPUT_DIR);
        if (folder == null || folder.isBlank()) {
            throw new ModelDockException("the file target needs the setting '" + OUTPUT_DIR + "', the folder to write"
                    + " the model into");
        }
        return Path.of(folder).toAbsolutePath().normalize();
    }

    /**
     * Moves a model the host is about to delete into place by renaming it, where it and the output
     * folder share a filesystem: its bytes do not pass through this process again, and a rename
     * cannot change them. Elsewhere it is copied, as a registry's stored copy is.
     */
    private static boolean moved(Path model, Path destination) throws IOException {
        try {
            Files.move(model, destination, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (AtomicMoveNotSupportedException e) {
            return false;
        }
    }

    /** Copies the artifact, hashing what is written, and fails if the bytes are not the ones promised. */
    private static long copyChecked(ExportRequest request, Path destination, Progress progress) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        long total = Files.size(request.model());
        long copied = 0;
        String stage = "writing " + ExportName.base(request.name()) + extension(request);
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(request.model());
                OutputStream out = new DigestOutputStream(Files.newOutputStream(destination,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), sha256)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                copied += n;
                progress.report(stage, total == 0 ? 1 : (double) copied / total);
            }
        }
        String written = HexFormat.of().formatHex(sha256.digest());
        if (!written.equals(request.sha256())) {
            throw new ModelDockException("the model changed while it was being written (SHA-256 " + written
                    + ", expected " + request.sha256() + "); nothing was replaced");
        }
        return copied;
    }
}
