package dev.modeldock.ui.http;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The pages' jte templates, compiled to classes at build time (src/main/jte, package
 * {@code dev.modeldock.ui.templates}): a template that does not type-check fails the build, and
 * every {@code ${...}} is HTML-escaped for where it stands (text, attribute, URL).
 *
 * <p>Rendered straight through jte rather than javalin-rendering, whose 6.x release is built
 * against jte 2; the whole of the glue is {@link #render}.
 */
public final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html, null,
            "dev.modeldock.ui.templates");

    /** Renders {@code template} (a path under src/main/jte) with its parameters by name, as the answer. */
    public void render(Context ctx, String template, Map<String, Object> params) {
        ctx.html(render(template, params));
    }

    /** Renders {@code template} to a string: for benchmarks and fragments. */
    public String render(String template, Map<String, Object> params) {
        StringOutput output = new StringOutput();
        engine.render(template, params, output);
        return output.toString();
    }
}
