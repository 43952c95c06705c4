package dev.modeldock.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Sha256;
import dev.modeldock.testkit.api.ApiClient;
import dev.modeldock.testkit.onnx.SyntheticModel;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How long the large artifact took through one server: uploaded as new bytes, uploaded again, and
 * downloaded into a file. The second upload sends bytes the registry holds already: it stores them
 * in full, finds the duplicate and removes the copy, the path that is hardest on a small heap.
 */
record Transfers(double uploadSeconds, double reuploadSeconds, double downloadSeconds) {
    private static final double MIB = 1 << 20;

    /**
     * Times each transfer once, printing a line for each as it ends, checks the download against the
     * upload and deletes the model again, so that the server holds only what a caller adds next.
     * Uploads are compared with {@code cp} and fsync, since the server makes the bytes durable before
     * it answers; the download with plain {@code cp}, since neither side forces the file it writes.
     *
     * @param downloadTo where the download goes; removed once checked
     */
    static Transfers measure(PrintWriter out, ApiClient client, Path artifact, Path downloadTo, double cpSeconds,
            double cpFsyncSeconds) throws Exception {
        long size = Files.size(artifact);
        client.createModel("large", "the benchmark's large artifact", List.of("benchmark"));
        long start = System.nanoTime();
        JsonNode version = client.upload("large", artifact, SyntheticModel.regressorMetadata());
        double upload = Rounds.seconds(System.nanoTime() - start);
        row(out, "upload: streamed multipart POST until 201", upload, size,
                times(upload, cpFsyncSeconds, "cp + fsync"));
        start = System.nanoTime();
        client.upload("large", artifact, SyntheticModel.regressorMetadata());
        double reupload = Rounds.seconds(System.nanoTime() - start);
        row(out, "upload of the same bytes again (duplicate removed)", reupload, size,
                times(reupload, cpFsyncSeconds, "cp + fsync"));

        start = System.nanoTime();
        HttpResponse<Path> response = client.download("/api/v1/models/large/versions/"
                + version.path("number").asInt() + "/artifact", downloadTo);
        double download = Rounds.seconds(System.nanoTime() - start);
        row(out, "download: GET of the artifact into a file", download, size, times(download, cpSeconds, "cp"));
        String etag = response.headers().firstValue("ETag").orElse("").replace("\"", "");
        String received = Sha256.of(downloadTo);
        String sent = Sha256.of(artifact);
        if (!received.equals(etag) || !received.equals(sent) || Files.size(downloadTo) != size) {
            throw new ModelDockException("the download differs from the upload: SHA-256 " + received + ", ETag " + etag
                    + ", uploaded " + sent);
        }
        Files.delete(downloadTo);
        out.printf("download checked: its SHA-256 is the ETag and the uploaded file's%n");
        client.delete("/api/v1/models/large").expect(204);
        return new Transfers(upload, reupload, download);
    }

    /** One timed transfer of {@code bytes}: seconds, MiB/s and what it is compared with. */
    static void row(PrintWriter out, String label, double seconds, long bytes, String comparison) {
        out.printf("%-58s %8.3f s %8.1f MiB/s%s%n", label, seconds, bytes / MIB / seconds, comparison);
        out.flush();
    }

    private static String times(double seconds, double floorSeconds, String floor) {
        return String.format("  (%.1fx %s's time)", seconds / floorSeconds, floor);
    }
}
