package dev.modeldock.benchmark;

import dev.modeldock.registry.NewVersion;
import dev.modeldock.registry.Registry;
import dev.modeldock.registry.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills a registry with a large catalog for the page benchmark: {@code models} models of
 * {@code versions} versions each, every version a copy of one real version's documents
 * (configuration, lineage, metadata, validation) over its artifact, so that the pages render what
 * a real catalog holds. A few tags and aliases vary between models, as filters would meet them.
 */
final class CatalogFill {
    /** Concurrent writers: the database's commits, not one thread's work, bound the fill. */
    private static final int WRITERS = 4;
    private static final List<String> TAGS = List.of("english", "multilingual", "search", "small", "team-a", "team-b");

    private CatalogFill() {
    }

    static String modelName(int index) {
        return String.format("model-%05d", index);
    }

    /** Fills the catalog with {@link #WRITERS} writers, one model at a time each. */
    static void fill(Registry registry, Version template, int models, int versions) throws Exception {
        NewVersion copy = new NewVersion(template.artifactSha256(), template.config(), template.lineage(),
                template.metadata(), template.validation());
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int m = 0; m < models; m++) {
                int index = m;
                done.add(pool.submit(() -> fillModel(registry, copy, index, versions)));
            }
            for (Future<?> model : done) {
                model.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void fillModel(Registry registry, NewVersion copy, int m, int versions) {
        String name = modelName(m);
        registry.models().create(name, "Sentence embeddings for " + name + ", converted from all-MiniLM-L6-v2",
                List.of(TAGS.get(m % TAGS.size()), TAGS.get((m / TAGS.size()) % TAGS.size())).stream().distinct()
                        .toList(), "benchmark");
        for (int v = 0; v < versions; v++) {
            registry.versions().create(name, copy, "benchmark");
        }
        registry.aliases().set(name, "production", String.valueOf(Math.max(1, versions - 1)), "benchmark");
        registry.aliases().set(name, "latest", String.valueOf(versions), "benchmark");
    }
}
