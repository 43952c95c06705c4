package dev.modeldock.server.api;

/**
 * A request the API answers with an error status: the body is
 * {@code {"error": message, "detail": detail}}.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Object detail;

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
}
