package dev.modeldock.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modeldock.metadata.CheckContext;
import dev.modeldock.metadata.MetadataChecker;
import dev.modeldock.metadata.OracleRelease;
import dev.modeldock.onnx.OnnxModels;
import dev.modeldock.plugin.ExportRequest.Layout;
import dev.modeldock.registry.Registry;
import dev.modeldock.registry.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a version's graph from its stored artifact with the engine's protobuf reader (pure Java, no
 * ONNX Runtime: nothing native runs in the server process) and checks its metadata against it.
 *
 * <p>Reading streams the whole artifact out of the store, the weights skipped but still read, which
 * for a large model takes a while; artifacts never change, so summaries are kept by SHA-256 for the
 * most recently seen {@link #CACHED} artifacts, and a version page reads an artifact once.
 */
final class VersionInspector {
    static final int CACHED = 64;

    private final Registry registry;
    private final Map<String, GraphSummary> summaries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, GraphSummary> eldest) {
            return size() > CACHED;
        }
    };

    VersionInspector(Registry registry) {
        this.registry = registry;
    }

    VersionInspection inspect(Version version) {
        GraphSummary graph = summary(version);
        // A version filed before releases were recorded was checked against 26ai's limit.
        OracleRelease release = recordedRelease(version).orElse(OracleRelease.DB_26AI);
        return new VersionInspection(graph, MetadataChecker.check(graph.signature(), version.metadata(),
                new CheckContext(null, VersionFiles.modelBytes(version), release,
                        VersionFiles.layout(version) == Layout.EXTERNAL_DATA_PACKAGE)), release.number());
    }

    private GraphSummary summary(Version version) {
        synchronized (summaries) {
            GraphSummary known = summaries.get(version.artifactSha256());
            if (known != null) {
                return known;
            }
        }
        GraphSummary read;
        try (InputStream in = VersionFiles.model(version, registry.artifacts().open(version.artifactSha256()))) {
            read = GraphSummary.of(OnnxModels.readStructure(in, "the artifact of " + version.model() + " version "
                    + version.number()), version.sizeBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (summaries) {
            summaries.put(version.artifactSha256(), read);
        }
        return read;
    }

    /**
     * The Oracle release the version was checked for when it was filed (its validation's
     * {@code targetRelease}); empty for a version filed before releases were recorded. Uploads once
     * took 24 and 25, which follow 23ai's rules.
     */
    static Optional<OracleRelease> recordedRelease(Version version) {
        JsonNode validation = Json.tree(version.validation());
        if (validation == null || !validation.path("targetRelease").isInt()) {
            return Optional.empty();
        }
        return Optional.of(validation.path("targetRelease").asInt() >= OracleRelease.DB_26AI.number()
                ? OracleRelease.DB_26AI : OracleRelease.DB_23AI);
    }
}
