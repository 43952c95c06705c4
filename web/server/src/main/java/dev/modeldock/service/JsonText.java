package dev.modeldock.service;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Documents the registry keeps as JSON text: configurations, lineage, validation reports. */
final class JsonText {
    private JsonText() {
    }

    /** Written by the server's one mapper, {@link Json#MAPPER}. */
    static String of(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a registry document as JSON", e);
        }
    }
}
