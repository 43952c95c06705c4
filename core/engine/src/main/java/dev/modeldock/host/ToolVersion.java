package dev.modeldock.host;

/**
 * Which ModelDock is running: the name recorded as the ONNX file's producer version, in every
 * artifact's provenance and in the server's description of itself.
 */
public final class ToolVersion {
    private ToolVersion() {
    }

    /** "ModelDock VERSION", the version as the jar manifest gives it, or "development" outside a jar. */
    public static String current() {
        String version = ToolVersion.class.getPackage().getImplementationVersion();
        return "ModelDock " + (version == null ? "development" : version);
    }
}
