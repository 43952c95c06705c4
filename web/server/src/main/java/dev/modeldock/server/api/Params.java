package dev.modeldock.server.api;

import dev.modeldock.service.ConversionRequest;
import io.javalin.http.Context;
import java.util.List;

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

    /** {@code targetRelease}: one of the release numbers there are, or null when absent. */
    static Integer release(Context ctx) {
        String value = text(ctx, "targetRelease");
        List<Integer> releases = ConversionRequest.releases();
        if (value == null) {
            return null;
        }
        if (!value.strip().matches("[0-9]{1,9}") || !releases.contains(Integer.valueOf(value.strip()))) {
            throw new ApiException(400, "query parameter 'targetRelease' must be one of " + releases + ", the Oracle"
                    + " Database release the model is for (23ai imports files up to 1 GB, 26ai up to 2 GB)");
        }
        return Integer.valueOf(value.strip());
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
