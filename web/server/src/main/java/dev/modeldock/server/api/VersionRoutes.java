package dev.modeldock.server.api;

import static dev.modeldock.server.api.Schemas.freeObject;
import static dev.modeldock.server.api.Schemas.object;
import static dev.modeldock.server.api.Schemas.string;

import dev.modeldock.registry.Job;
import dev.modeldock.registry.Limits;
import dev.modeldock.registry.Names;
import dev.modeldock.registry.Page;
import dev.modeldock.registry.Version;
import dev.modeldock.server.auth.Access;
import dev.modeldock.server.auth.Auth;
import dev.modeldock.service.ConversionRequest;
import dev.modeldock.service.VersionService;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Versions: conversion jobs, ONNX uploads, reading versions and their artifacts. */
final class VersionRoutes {
    private final VersionService versions;
    private final ArtifactDownload download;

    VersionRoutes(VersionService versions) {
        this.versions = versions;
        this.download = new ArtifactDownload(versions);
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/api/v1/models/{name}/versions", Access.READ, "A model's versions, oldest first;"
                        + " paging with offset and limit", ctx -> ctx.json(Views.page(versions.list(
                                ctx.pathParam("name"), Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE),
                                Params.integer(ctx, "limit", 50, 1, Page.MAX_LIMIT)), Views::version)))
                        .withQuery(Schemas.parameters("offset", Schemas.integer("versions to skip (default 0)"),
                                "limit", Schemas.integer("versions per page, 1 to " + Page.MAX_LIMIT
                                        + " (default 50)")))
                        .returns(ResponseSchemas.pageOf("Version")),
                Endpoint.withBody("POST", "/api/v1/models/{name}/versions", Access.EDIT, "Creates a version: JSON"
                        + " starts a conversion job (202 with the job); multipart 'file' (ONNX) + 'metadata' (JSON)"
                        + " stores a checked model (201 with the version, and identicalTo when an earlier version"
                        + " has the same bytes)", object(List.of("source"),
                        "source", string("hub id (org/name, or org/name@revision), downloaded from the hub"
                                + " (HF_ENDPOINT) into the server's cache by the job unless the cache has it; or a"
                                + " folder on the server in hub layout inside one of its source roots (serve"
                                + " --source-root; default the cache folder and DATA_DIR/sources); a folder"
                                + " elsewhere, or with a symbolic link leading out of the roots, is refused with 400",
                                Limits.SOURCE),
                        "revision", string("hub revision (branch, tag or commit) of a hub id; default main; 400 for"
                                + " a folder, or with a source that names one after '@'", Limits.REVISION),
                        "template", string("configuration template, e.g. text; omit for a preconfigured model"),
                        "config", freeObject("configuration properties, as OML4Py's EmbeddingModelConfig;"
                                + " quantize_model (int8 weights) or use_float16 rewrite the encoder's weights, and"
                                + " the version's validation.quality compares the result with the float32 pipeline"),
                        "ignoreQualityGate", Schemas.bool("keep an int8 or float16 pipeline whose mean cosine"
                                + " against float32 is below its gate (int8 0.98, float16 0.999) instead of failing"
                                + " the job; the version records the waiver (validation.quality.waived); default"
                                + " false"),
                        "function", Schemas.choice("what the pipeline computes, as OML4Py's ONNXPipeline function,"
                                + " e.g. embedding (one text in, a vector out; the default) or regression (a reranker"
                                + " from a cross-encoder: a text pair in, one score out; without post_processors,"
                                + " which default to none for it) or classification (a text classifier); a"
                                + " preconfigured model takes the function it is preconfigured for (400 otherwise);"
                                + " a model that does not suit the function fails the job saying so; the version's"
                                + " metadata.function records it",
                                ConversionRequest.functions()),
                        "targetRelease", Schemas.release("the Oracle Database release the pipeline is for: 23"
                                + " (23ai, files up to 1 GB; the default) or 26 (26ai, up to 2 GB); a larger"
                                + " pipeline fails the job, naming quantize_model and release 26; the version's"
                                + " validation.targetRelease records it, and deployments default to it")), 202,
                        this::create).returns(ResponseSchemas.ref("Job"))
                        .withUpload(object(List.of("file", "metadata"), "file", Schemas.binary("the ONNX model"),
                                "metadata", string("the import metadata (JSON), as Oracle's DBMS_VECTOR takes it")),
                                201, ResponseSchemas.ref("UploadedVersion"))
                        .withQuery(Map.of("targetRelease", Schemas.release("uploads only: the Oracle release the"
                                + " model is meant for, 23 (files up to 1 GB; the default) or 26 (2 GB)"))),
                Endpoint.get("/api/v1/models/{name}/versions/{version}", Access.READ, "A version by number or alias",
                        ctx -> ctx.json(Views.version(version(ctx)))).returns(ResponseSchemas.ref("Version")),
                Endpoint.get("/api/v1/models/{name}/versions/{version}/artifact", Access.READ, "The ONNX file,"
                        + " streamed; ETag is its SHA-256; single byte ranges",
                        ctx -> download.send(ctx, version(ctx)))
                        .returns(new Endpoint.Response("application/octet-stream", Schemas.binary("the ONNX file,"
                                + " or the byte range asked for (206)"))));
    }

    private Version version(Context ctx) {
        return versions.get(ctx.pathParam("name"), ctx.pathParam("version"));
    }

    private void create(Context ctx) throws IOException {
        String model = ctx.pathParam("name");
        if (ctx.isMultipartFormData()) {
            createFromUpload(ctx, model);
            return;
        }
        ConversionRequest request = JsonBody.read(ctx, ConversionRequest.class);
        Job job = versions.convert(model, request, Auth.caller(ctx).name());
        ctx.status(202).header("Location", "/api/v1/jobs/" + job.id()).json(Views.job(job));
    }

    private void createFromUpload(Context ctx, String model) throws IOException {
        UploadForm form = UploadForm.read(ctx);
        Integer release = Params.release(ctx);
        // Jetty has spooled the part to a file already: moving that file is one rename, where
        // copying it out of the part's stream wrote the whole model to disk a second time.
        VersionService.Uploaded uploaded = versions.upload(model, target -> form.file().write(target.toString()),
                Names.printable(form.fileName()), form.metadata(), release, Auth.caller(ctx).name());
        ctx.status(201).header("Location", "/api/v1/models/" + model + "/versions/" + uploaded.version().number())
                .json(Views.upload(uploaded));
    }
}
