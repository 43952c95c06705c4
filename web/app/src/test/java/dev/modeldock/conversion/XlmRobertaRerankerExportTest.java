package dev.modeldock.conversion;

import dev.modeldock.config.EmbeddingModelConfig;
import dev.modeldock.testkit.CrossEncoderHubFolder;
import java.nio.file.Path;
import java.util.Map;

/** The XLM-RoBERTa cross-encoder (BAAI/bge-reranker-base's shape): &lt;s&gt; q &lt;/s&gt;&lt;/s&gt; p &lt;/s&gt;, no token types. */
class XlmRobertaRerankerExportTest extends RerankerExportContract {
    @Override
    Path createModel(Path root) {
        return CrossEncoderHubFolder.createXlmRoberta(root);
    }

    /** SentencePiece models are cased: the template's do_lower_case would be refused. */
    @Override
    EmbeddingModelConfig config() {
        return super.config().with(Map.of("do_lower_case", false));
    }

    @Override
    boolean tokenTypesTellTheTextsApart() {
        return false;
    }

    @Override
    String tokenizer() {
        return "sentencepiece";
    }
}
