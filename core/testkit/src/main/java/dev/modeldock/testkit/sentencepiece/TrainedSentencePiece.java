package dev.modeldock.testkit.sentencepiece;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real SentencePiece model, trained at test time by Debian's {@code spm_train} (package
 * {@code sentencepiece}; {@code src/bin/test-sentencepiece} installs it) on a small multilingual
 * corpus with XLM-RoBERTa's settings: Unigram, nmt_nfkc normalization (a real character map), full
 * character coverage. Training takes about a second.
 *
 * @param model    the .model file's bytes
 * @param pieces   the pieces after {@code <unk> <s> </s>}, in id order, with their scores
 * @param charsmap the normalizer's precompiled character map
 */
public record TrainedSentencePiece(byte[] model, Map<String, Float> pieces, byte[] charsmap) {
    private static final Path SPM_TRAIN = Path.of("/usr/bin/spm_train");

    /** Trains in {@code work}; fails saying what to install when spm_train is missing. */
    public static TrainedSentencePiece train(Path work, int vocabularySize) {
        if (!Files.isExecutable(SPM_TRAIN)) {
            throw new IllegalStateException(SPM_TRAIN + " is missing: run src/bin/test-sentencepiece (installs"
                    + " Debian's sentencepiece package)");
        }
        try {
            Files.createDirectories(work);
            Path corpus = work.resolve("corpus.txt");
            try (InputStream in = TrainedSentencePiece.class.getResourceAsStream("training-corpus.txt")) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                // Repeated so that every line's pieces are frequent enough to be kept.
                Files.writeString(corpus, String.join("\n", Collections.nCopies(30, text)));
            }
            Process process = new ProcessBuilder(SPM_TRAIN.toString(), "--input=" + corpus,
                    "--model_prefix=" + work.resolve("m"), "--vocab_size=" + vocabularySize, "--model_type=unigram",
                    "--character_coverage=1.0", "--normalization_rule_name=nmt_nfkc")
                    .redirectErrorStream(true).redirectOutput(work.resolve("train.log").toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("spm_train failed; see " + work.resolve("train.log"));
            }
            Map<String, Float> pieces = new LinkedHashMap<>();
            List<String> vocab = Files.readAllLines(work.resolve("m.vocab"), StandardCharsets.UTF_8);
            for (String line : vocab.subList(3, vocab.size())) {
                int tab = line.lastIndexOf('\t');
                pieces.put(line.substring(0, tab), Float.parseFloat(line.substring(tab + 1)));
            }
            byte[] model = Files.readAllBytes(work.resolve("m.model"));
            return new TrainedSentencePiece(model, Collections.unmodifiableMap(pieces), charsmap(model));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        }
    }

    /** Writes the model as sentencepiece.bpe.model and the hub's tokenizer.json for it into {@code folder}. */
    public Path writeInto(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(XlmRobertaTokenizerFiles.MODEL_FILE), model);
            Files.write(folder.resolve("tokenizer.json"), new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsBytes(XlmRobertaTokenizerFiles.tokenizerJson(pieces, charsmap)));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ModelProto field 3 (normalizer_spec), its field 2 (precompiled_charsmap). */
    private static byte[] charsmap(byte[] model) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(model);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag >>> 3 != 3) {
                in.skipField(tag);
                continue;
            }
            CodedInputStream spec = CodedInputStream.newInstance(in.readByteArray());
            for (int inner = spec.readTag(); inner != 0; inner = spec.readTag()) {
                if (inner >>> 3 == 2) {
                    return spec.readByteArray();
                }
                spec.skipField(inner);
            }
        }
        return new byte[0];
    }
}
