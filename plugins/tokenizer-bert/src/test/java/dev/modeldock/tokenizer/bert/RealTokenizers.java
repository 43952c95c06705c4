package dev.modeldock.tokenizer.bert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The tokenizer.json files of real uncased WordPiece models, as langchain4j's jars on Maven Central
 * ship them (test dependencies), each laid out in a model folder of its own.
 */
final class RealTokenizers {
    /** Hub id and the resource holding its tokenizer.json. */
    record Model(String hubId, String resource) {
        /** Writes the model's tokenizer.json under {@code root} and returns the folder. */
        Path folder(Path root) throws IOException {
            Path folder = Files.createDirectories(root.resolve(hubId));
            try (InputStream in = RealTokenizers.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException(resource + " is not on the class path; is its langchain4j jar a test"
                            + " dependency?");
                }
                Files.copy(in, folder.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
            }
            return folder;
        }
    }

    static final List<Model> MODELS = List.of(
            new Model("sentence-transformers/all-MiniLM-L6-v2", "all-minilm-l6-v2-tokenizer.json"),
            new Model("intfloat/e5-small-v2", "e5-small-v2-tokenizer.json"),
            new Model("BAAI/bge-small-en-v1.5", "bge-small-en-v1.5-tokenizer.json"));

    private RealTokenizers() {
    }
}
