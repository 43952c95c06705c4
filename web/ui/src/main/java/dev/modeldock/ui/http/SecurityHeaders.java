package dev.modeldock.ui.http;

import io.javalin.http.Context;

/**
 * The headers every answer carries. The Content-Security-Policy allows scripts and styles from this
 * server only, with no inline script, no inline style attribute and no eval: a string that got past
 * the templates' escaping still could not run. No site may frame the pages (clickjacking).
 */
public final class SecurityHeaders {
    static final String POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private SecurityHeaders() {
    }

    public static void apply(Context ctx) {
        ctx.header("Content-Security-Policy", POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
    }
}
