package dev.modeldock.ui.page.newversion;

import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.plan.PipelineFunction;
import dev.modeldock.plugin.ModelDockException;
import dev.modeldock.plugin.Setting;
import dev.modeldock.service.CatalogService.PostProcessorInfo;
import dev.modeldock.service.ConversionRequest;
import dev.modeldock.service.FunctionConfiguration;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conversion form as the browser holds it: every value as typed (text), so that a value the API
 * refuses is sent to it as typed and refused with the API's own message, and the form shows it again.
 *
 * @param start          {@code template:NAME} or {@code preconfigured:NAME}: what the properties started from
 * @param source         a hub id or a folder on the server, as typed
 * @param revision       the hub revision (branch, tag or commit) as typed; blank for main
 * @param maxSeqLength   max_seq_length as typed; blank for the start's own
 * @param ignoreQualityGate keep an int8 or float16 pipeline below its quality gate (the request's
 *                       ignoreQualityGate, not a configuration property)
 * @param languages      languages, separated by commas
 * @param postProcessors the post_processors entries in order
 * @param function       the pipeline's function as chosen ({@code embedding}, {@code regression}, …);
 *                       sent as it is, for the API to refuse one that does not exist
 * @param targetRelease  the Oracle release the pipeline is for, as chosen ("23" or "26")
 */
public record ConversionForm(String start, String source, String revision, String maxSeqLength, boolean doLowerCase,
        boolean quantizeModel, boolean useFloat16, boolean ignoreQualityGate, List<String> distanceMetrics,
        String languages, List<Step> postProcessors, String function, String targetRelease) {
    static final String TEMPLATE = "template:";
    static final String PRECONFIGURED = "preconfigured:";
    /** The function a form starts with, as the API's default. */
    static final String EMBEDDING = PipelineFunction.EMBEDDING.jsonName();
    /** The release a form starts with, as the API's default. */
    static final String DEFAULT_RELEASE = String.valueOf(OracleRelease.DEFAULT.number());

    /** One post_processors entry: its name and its parameters as typed, by parameter name. */
    public record Step(String name, Map<String, String> values) {
        /** The value typed for {@code parameter}, or empty. */
        public String value(String parameter) {
            return values.getOrDefault(parameter, "");
        }

        /**
         * The parameters given that {@code info} does not declare (all of them without a plugin):
         * shown as text so that nothing given is lost, for the API to refuse by name.
         */
        public List<String> undeclared(PostProcessorInfo info) {
            return values.keySet().stream().filter(key -> info == null || info.parameters().stream()
                    .noneMatch(setting -> setting.name().equals(key))).toList();
        }
    }

    /** The form filled in from a configuration's JSON form ({@code EmbeddingModelConfig.toMap()}). */
    static ConversionForm of(String start, String source, String revision, Map<String, ?> config) {
        List<Step> steps = new ArrayList<>();
        if (config.get("post_processors") instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> map) {
                    Map<String, String> values = new LinkedHashMap<>();
                    map.forEach((key, value) -> values.put(String.valueOf(key), String.valueOf(value)));
                    steps.add(new Step(values.remove("name"), values));
                }
            }
        }
        Object max = config.get("max_seq_length");
        return new ConversionForm(start, source == null ? "" : source, revision == null ? "" : revision,
                max == null ? "" : String.valueOf(max), flag(config, "do_lower_case", true),
                flag(config, "quantize_model", false), flag(config, "use_float16", false), false,
                strings(config.get("distance_metrics")), String.join(", ", strings(config.get("languages"))), steps,
                EMBEDDING, DEFAULT_RELEASE);
    }

    /** The form as the browser sent it. */
    static ConversionForm read(Context ctx) {
        List<Step> steps = new ArrayList<>();
        Map<String, List<String>> params = ctx.formParamMap();
        for (int i = 0; params.containsKey(stepField(i, "name")); i++) {
            String prefix = "pp." + i + ".";
            Map<String, String> values = new LinkedHashMap<>();
            params.forEach((key, value) -> {
                if (key.startsWith(prefix) && !key.equals(prefix + "name") && !value.isEmpty()) {
                    values.put(key.substring(prefix.length()), value.get(0));
                }
            });
            steps.add(new Step(params.get(stepField(i, "name")).get(0), values));
        }
        return new ConversionForm(text(ctx, "start"), text(ctx, "source"), text(ctx, "revision"),
                text(ctx, "max_seq_length"),
                "true".equals(ctx.formParam("do_lower_case")), "true".equals(ctx.formParam("quantize_model")),
                "true".equals(ctx.formParam("use_float16")), "true".equals(ctx.formParam("ignore_quality_gate")),
                ctx.formParams("distance_metrics"),
                text(ctx, "languages"), steps, text(ctx, "function").isEmpty() ? EMBEDDING : text(ctx, "function"),
                text(ctx, "targetRelease").isEmpty() ? DEFAULT_RELEASE : text(ctx, "targetRelease"));
    }

    /** The form field name of a post-processor entry's parameter. */
    public static String stepField(int index, String parameter) {
        return "pp." + index + "." + parameter;
    }

    /** The template the properties start from, if they start from one (else a preconfigured model's). */
    Optional<String> template() {
        return start.startsWith(TEMPLATE) ? Optional.of(start.substring(TEMPLATE.length())) : Optional.empty();
    }

    /**
     * Whether the chosen function has post-processors after its model (a reranker has none); a
     * function that does not exist is sent as chosen with them, for the API to refuse by name.
     */
    public boolean takesPostProcessors() {
        try {
            return FunctionConfiguration.takesPostProcessors(PipelineFunction.parse(function));
        } catch (ModelDockException unknown) {
            return true;
        }
    }

    /**
     * The request the API would get for this form: every property given, each post-processor
     * parameter typed as its plugin declares it (a value that is not of its type is sent as typed,
     * for the API to refuse by name). For a function that takes no post-processors the entries,
     * hidden from the user, are not sent: the API gives such a function none.
     */
    ConversionRequest request(Map<String, PostProcessorInfo> declared) {
        Map<String, Object> config = new LinkedHashMap<>();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Step step : postProcessors) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", step.name());
            PostProcessorInfo info = declared.get(step.name());
            step.values().forEach((key, value) -> {
                if (!value.isBlank()) {
                    entry.put(key, typed(value.strip(), info == null ? Setting.Type.STRING : type(info, key)));
                }
            });
            entries.add(entry);
        }
        if (takesPostProcessors()) {
            config.put("post_processors", entries);
        }
        if (!maxSeqLength.isBlank()) {
            config.put("max_seq_length", typed(maxSeqLength.strip(), Setting.Type.INTEGER));
        }
        config.put("do_lower_case", doLowerCase);
        config.put("quantize_model", quantizeModel);
        config.put("distance_metrics", distanceMetrics);
        config.put("languages", languages.isBlank() ? List.of() : List.of(languages.split(",")).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList());
        config.put("use_float16", useFloat16);
        return new ConversionRequest(source.strip(), revision.isBlank() ? null : revision.strip(),
                template().orElse(null), config, ignoreQualityGate, function,
                OracleRelease.parse(targetRelease).number());
    }

    /** This form with a post-processor added, moved or removed: {@code add:NAME}, {@code up:I}, {@code down:I}, {@code remove:I}. */
    ConversionForm edited(String edit) {
        List<Step> steps = new ArrayList<>(postProcessors);
        String[] parts = String.valueOf(edit).split(":", 2);
        if (parts.length == 2 && parts[0].equals("add")) {
            steps.add(new Step(parts[1], Map.of()));
        } else if (parts.length == 2 && parts[1].matches("[0-9]{1,3}")) {
            int i = Integer.parseInt(parts[1]);
            if (i < steps.size()) {
                switch (parts[0]) {
                    case "up" -> Collections.swap(steps, i, Math.max(0, i - 1));
                    case "down" -> Collections.swap(steps, i, Math.min(steps.size() - 1, i + 1));
                    case "remove" -> steps.remove(i);
                    default -> { }
                }
            }
        }
        return new ConversionForm(start, source, revision, maxSeqLength, doLowerCase, quantizeModel, useFloat16,
                ignoreQualityGate, distanceMetrics, languages, steps, function, targetRelease);
    }

    /** This form with the quality gate waived or not: what a new start keeps from the form it replaces. */
    ConversionForm waivingQualityGate(boolean waive) {
        return new ConversionForm(start, source, revision, maxSeqLength, doLowerCase, quantizeModel, useFloat16,
                waive, distanceMetrics, languages, postProcessors, function, targetRelease);
    }

    /** This form for {@code chosen} function: what a new start keeps from the form it replaces. */
    ConversionForm forFunction(String chosen) {
        return new ConversionForm(start, source, revision, maxSeqLength, doLowerCase, quantizeModel, useFloat16,
                ignoreQualityGate, distanceMetrics, languages, postProcessors, chosen, targetRelease);
    }

    /** This form for {@code release}: what a new start keeps from the form it replaces. */
    ConversionForm forRelease(String release) {
        return new ConversionForm(start, source, revision, maxSeqLength, doLowerCase, quantizeModel, useFloat16,
                ignoreQualityGate, distanceMetrics, languages, postProcessors, function, release);
    }

    private static Setting.Type type(PostProcessorInfo info, String parameter) {
        return info.parameters().stream().filter(s -> s.name().equals(parameter)).map(Setting::type).findFirst()
                .orElse(Setting.Type.STRING);
    }

    private static Object typed(String value, Setting.Type type) {
        if (type == Setting.Type.INTEGER && value.matches("-?[0-9]{1,18}")) {
            return Long.parseLong(value);
        }
        if (type == Setting.Type.BOOLEAN && (value.equals("true") || value.equals("false"))) {
            return Boolean.parseBoolean(value);
        }
        return value;
    }

    private static boolean flag(Map<String, ?> config, String key, boolean fallback) {
        return config.get(key) instanceof Boolean flag ? flag : fallback;
    }

    private static List<String> strings(Object list) {
        return list instanceof List<?> items ? items.stream().map(String::valueOf).toList() : List.of();
    }

    private static String text(Context ctx, String field) {
        String value = ctx.formParam(field);
        return value == null ? "" : value;
    }
}
