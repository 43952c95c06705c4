package dev.modeldock.source.hub;

import dev.modeldock.plugin.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body written to a file as it arrives, appended to what is there (a resumed download)
 * or from the start, telling the progress listener and the {@link Activity} about every chunk. It
 * keeps the SHA-256 of the whole file as it goes (the bytes already there included), so checking a
 * download does not read it again.
 */
final class FileBody implements BodySubscriber<String> {
    private final FileChannel channel;
    private final String path;
    private final long total;
    private final DownloadProgress progress;
    private final Activity activity;
    private final MessageDigest sha256 = Sha256.newDigest();
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long done;

    FileBody(Path file, boolean append, String path, long total, DownloadProgress progress, Activity activity)
            throws IOException {
        this.channel = append ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)
                : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
        this.done = channel.size();
        if (done > 0) {
            try (InputStream before = Files.newInputStream(file)) {
                before.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha256));
            }
        }
        this.path = path;
        this.total = total;
        this.progress = progress;
        this.activity = activity;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        activity.watch(s, this::close);
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer buffer : buffers) {
                sha256.update(buffer.duplicate());
                while (buffer.hasRemaining()) {
                    done += channel.write(buffer);
                }
            }
            activity.touch();
            progress.update(path, done, total);
            subscription.request(1);
        } catch (IOException e) {
            subscription.cancel();
            onError(e);
        }
    }

    @Override
    public void onError(Throwable error) {
        close();
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        close();
        result.complete(Sha256.hex(sha256));
    }

    /** Completes with the SHA-256 (hex) of the whole file once the body has arrived. */
    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    private void close() {
        try {
            channel.close(); // closing twice (cancelled, then told of the error) is harmless
        } catch (IOException e) {
            result.completeExceptionally(e);
        }
    }
}
