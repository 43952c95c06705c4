package dev.modeldock.server.api;

import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.plugin.ModelDockException;
import io.javalin.http.Context;

/** Query parameters, checked: a bad one is a 400 that names it. */
final class Params {
    private Params() {
    }

    static int integer(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new ApiException(400, "query parameter '" + name + "' must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ApiException(400, "query parameter '" + name + "' must be a whole number");
        }
    }

    /** {@code targetRelease}: 23 or 26; 23 when absent. */
    static OracleRelease release(Context ctx) {
        String value = text(ctx, "targetRelease");
        try {
            return value == null ? OracleRelease.DEFAULT : OracleRelease.parse(value);
        } catch (ModelDockException e) {
            throw new ApiException(400, "query parameter 'targetRelease': " + e.getMessage());
        }
    }

    /** A blank parameter counts as absent. */
    static String text(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value;
    }

    static long id(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new ApiException(404, "no " + name + " '" + dev.modeldock.registry.Names.printable(ctx.pathParam(name))
                    + "'");
        }
    }
}
