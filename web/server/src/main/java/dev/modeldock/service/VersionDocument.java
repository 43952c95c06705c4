package dev.modeldock.service;

import dev.modeldock.plugin.ExportRequest.Layout;
import dev.modeldock.plugin.ExternalDataPackage.Member;
import dev.modeldock.registry.Version;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A version as a JSON document: its stored JSON texts (configuration, lineage, metadata, validation)
 * embedded as JSON, and where its artifact is downloaded. The API answers with it, and a
 * conversion job records it as its result, so both look the same.
 */
public final class VersionDocument {
    private VersionDocument() {
    }

    public static Map<String, Object> of(Version v) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("model", v.model());
        view.put("number", v.number());
        view.put("aliases", v.aliases());
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("sha256", v.artifactSha256());
        artifact.put("sizeBytes", v.sizeBytes());
        artifact.put("layout", VersionFiles.layout(v) == Layout.ONNX ? "onnx" : "external-data-package");
        artifact.put("files", VersionFiles.of(v).stream().map(Member::toMap).toList());
        artifact.put("href", "/api/v1/models/" + v.model() + "/versions/" + v.number() + "/artifact");
        view.put("artifact", artifact);
        view.put("config", Json.tree(v.config()));
        view.put("lineage", Json.tree(v.lineage()));
        view.put("metadata", Json.tree(v.metadata()));
        view.put("validation", Json.tree(v.validation()));
        view.put("createdBy", v.createdBy());
        view.put("createdAt", v.createdAt());
        return view;
    }
}
