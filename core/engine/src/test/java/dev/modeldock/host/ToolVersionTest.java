package dev.modeldock.host;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ToolVersionTest {
    @Test
    void theToolVersionNamesModelDock() {
        assertTrue(ToolVersion.current().startsWith("ModelDock "), ToolVersion.current());
    }
}
