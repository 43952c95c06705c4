package dev.modeldock.server.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the API answers with an error status: the body is
 * {@code {"error": message, "detail": detail}}.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Object detail;
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, String message, Object detail) {
        super(message);
        this.status = status;
        this.detail = detail;
    }

    public ApiException(int status, String message) {
        this(status, message, null);
    }

    public int status() {
        return status;
    }

    public Object detail() {
        return detail;
    }

    /** This error with a header its answer carries, e.g. 416's {@code Content-Range: bytes *}{@code /size}. */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The headers the error's answer carries beyond the JSON body's. */
    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }
}
