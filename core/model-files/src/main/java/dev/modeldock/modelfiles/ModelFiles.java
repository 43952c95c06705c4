package dev.modeldock.modelfiles;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modeldock.plugin.ModelDockException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A model file read whole, as JSON or as UTF-8 text; a failure names the file, never its content. */
public final class ModelFiles {
    /** Jackson without the source in its error locations: a message must not quote the file. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    private ModelFiles() {
    }

    /**
     * The file's JSON tree.
     *
     * @throws ModelDockException naming the file and the line and column where it stops being JSON
     */
    public static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ModelDockException(where(file) + " is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new ModelDockException("cannot read " + where(file) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file's text, which must be UTF-8 throughout (a tokenizer op would read anything else wrongly).
     *
     * @throws ModelDockException naming the file when it is not UTF-8 or cannot be read
     */
    public static String utf8(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new ModelDockException(where(file) + " is not UTF-8 text");
        } catch (IOException e) {
            throw new ModelDockException("cannot read " + where(file) + ": " + e.getMessage(), e);
        }
    }

    /** "vocab.json in /models/x", as a message names a file. */
    public static String where(Path file) {
        return file.getFileName() + " in " + file.getParent();
    }
}
