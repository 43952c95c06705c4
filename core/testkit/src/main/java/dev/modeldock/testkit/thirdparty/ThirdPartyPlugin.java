package dev.modeldock.testkit.thirdparty;

import dev.modeldock.plugin.PluginApi;
import dev.modeldock.plugin.PostProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.pf4j.ExtensionPoint;

/**
 * A pf4j plugin holding one post-processor that passes its input through unchanged (an ONNX
 * Identity node, and the rows as they are), compiled at test time with {@link SourceCompiler}
 * against the plugin API on this JVM's class path: {@code plugin.properties}, and
 * {@code lib/<id>.jar} with the class and its {@code META-INF/extensions.idx}. Each {@code with}
 * method returns a copy, so that one well-formed plugin can be broken in one way per test.
 *
 * @param id        {@code plugin.id}
 * @param version   {@code plugin.version}
 * @param requires  {@code plugin.requires}; null for none
 * @param name      the post-processor's name
 * @param failure   where the post-processor throws, if anywhere
 * @param indexed   whether the jar has its extension index
 */
public record ThirdPartyPlugin(String id, String version, String requires, String name, Failure failure,
        boolean indexed) {
    /** 2024-01-01T00:00:00Z, within what a zip's DOS time field holds. */
    private static final long FIXED_TIME = 1_704_067_200_000L;


    /** Where the generated post-processor throws an IllegalStateException. */
    public enum Failure {
        NONE, CONSTRUCTOR, APPEND
    }

    /** A well-formed plugin {@code id} 1.0.0 for this API, with the post-processor {@code name}. */
    public static ThirdPartyPlugin postProcessor(String id, String name) {
        return new ThirdPartyPlugin(id, "1.0.0", PluginApi.REQUIRES, name, Failure.NONE, true);
    }

    public ThirdPartyPlugin withVersion(String newVersion) {
        return new ThirdPartyPlugin(id, newVersion, requires, name, failure, indexed);
    }

    public ThirdPartyPlugin withRequires(String newRequires) {
        return new ThirdPartyPlugin(id, version, newRequires, name, failure, indexed);
    }

    public ThirdPartyPlugin throwingIn(Failure where) {
        return new ThirdPartyPlugin(id, version, requires, name, where, indexed);
    }

    public ThirdPartyPlugin withoutExtensionIndex() {
        return new ThirdPartyPlugin(id, version, requires, name, failure, false);
    }

    /** The plugin's files by path inside its folder. */
    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new TreeMap<>();
        StringBuilder properties = new StringBuilder("plugin.id=" + id + "\nplugin.version=" + version
                + "\nplugin.provider=Acme Tests\nplugin.description=Passes embeddings through (test plugin)\n"
                + "plugin.class=org.pf4j.Plugin\n");
        if (requires != null) {
            properties.append("plugin.requires=").append(requires).append('\n');
        }
        files.put("plugin.properties", properties.toString().getBytes(StandardCharsets.UTF_8));
        files.put("lib/" + id + ".jar", jar());
        return files;
    }

    /** Writes the plugin folder {@code parent/<id>}; returns it. */
    public Path writeFolder(Path parent) {
        Path folder = parent.resolve(id);
        try {
            for (Map.Entry<String, byte[]> file : files().entrySet()) {
                Path target = folder.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /**
     * The plugin as a zip, its files at the root, or inside one top folder {@code <id>/} as the
     * built-in plugins' {@code -plugin.zip} has them.
     */
    public byte[] zip(boolean inTopFolder) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files().entrySet()) {
                zip.putNextEntry(entry((inTopFolder ? id + "/" : "") + file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * An entry stamped with a fixed time, so that the same plugin gives the same bytes on every
     * call: stamped with the current time, a jar built across a two-second boundary differed from
     * the one built before it, and a test comparing the two failed now and then.
     */
    private static ZipEntry entry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(FIXED_TIME);
        return entry;
    }

    private byte[] jar() {
        String simpleName = className();
        String qualified = "acme.tests." + simpleName;
        Map<String, byte[]> classes = SourceCompiler.compile(qualified, source(simpleName),
                List.of(codeSource(PostProcessor.class), codeSource(ExtensionPoint.class)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream jar = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> compiled : classes.entrySet()) {
                jar.putNextEntry(entry(compiled.getKey().replace('.', '/') + ".class"));
                jar.write(compiled.getValue());
            }
            if (indexed) {
                jar.putNextEntry(entry("META-INF/extensions.idx"));
                jar.write((qualified + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A Java class name from the plugin id: "acme-pool" -> "AcmePoolProcessor". */
    private String className() {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return "P" + out + "Processor";
    }

    private String source(String simpleName) {
        String thrown = "throw new IllegalStateException(\"" + name + " broke on purpose\");";
        return """
                package acme.tests;

                import dev.modeldock.plugin.*;
                import java.util.Set;

                public class %1$s implements PostProcessor {
                    public %1$s() {
                        %2$s
                    }
                    public String name() {
                        return "%3$s";
                    }
                    public Set<String> parameterNames() {
                        return Set.of();
                    }
                    public Activation check(Activation input, Parameters parameters, ModelFolder model) {
                        return input;
                    }
                    public Activation append(GraphBuilder graph, Activation input, String attentionMask,
                            Parameters parameters, ModelFolder model) {
                        %4$s
                        return new Activation(graph.node("Identity", input.tensor()), input.width(), input.perToken());
                    }
                    public float[][] evaluate(float[][] rows, Parameters parameters, ModelFolder model) {
                        return rows;
                    }
                }
                """.formatted(simpleName, failure == Failure.CONSTRUCTOR ? "if (true) " + thrown : "", name,
                failure == Failure.APPEND ? "if (true) " + thrown : "");
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code bytes} to {@code file}. */
    public static Path write(Path file, byte[] bytes) {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
