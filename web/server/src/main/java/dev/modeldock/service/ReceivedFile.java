package dev.modeldock.service;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An uploaded file's bytes, which whoever took the request has already received (Jetty spools a
 * multipart part to disk): the service asks for them once, into a file of its own.
 */
@FunctionalInterface
public interface ReceivedFile {
    /** Puts the bytes into {@code file}, which does not exist yet and belongs to the service from then on. */
    void moveTo(Path file) throws IOException;
}
