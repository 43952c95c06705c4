package dev.modeldock.tokenizer.bert;

import dev.modeldock.plugin.ModelDockException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A WordPiece vocabulary in id order. The op receives it as text, one token a line, and numbers the
 * non-empty lines from 0; so every id from 0 to size-1 must have a token, and no token may be empty
 * or contain a line break, or the op would assign different ids than the model was trained with.
 */
final class Vocabulary {
    private final List<String> tokens;
    private final Map<String, Integer> ids;

    Vocabulary(List<String> tokens) {
        for (int id = 0; id < tokens.size(); id++) {
            String token = tokens.get(id);
            if (token == null) {
                throw new ModelDockException("vocabulary has no token for id " + id + " (ids must run from 0 to "
                        + (tokens.size() - 1) + " without gaps)");
            }
            if (token.isEmpty()) {
                throw new ModelDockException("vocabulary token " + id + " is empty, which the BertTokenizer op"
                        + " cannot represent");
            }
            if (token.indexOf('\n') >= 0 || token.indexOf('\r') >= 0) {
                throw new ModelDockException("vocabulary token " + id + " contains a line break, which the"
                        + " BertTokenizer op cannot represent");
            }
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int id = 0; id < tokens.size(); id++) {
            if (ids.put(tokens.get(id), id) != null) {
                throw new ModelDockException("vocabulary lists the same token under two ids");
            }
        }
        this.ids = Map.copyOf(ids);
        this.tokens = List.copyOf(tokens);
    }

    /** Builds the id-ordered list from a token-to-id map such as tokenizer.json's. */
    static Vocabulary fromIds(Map<String, Integer> idsByToken) {
        String[] byId = new String[idsByToken.size()];
        for (Map.Entry<String, Integer> entry : idsByToken.entrySet()) {
            int id = entry.getValue();
            if (id < 0 || id >= byId.length) {
                throw new ModelDockException("vocabulary token '" + entry.getKey() + "' has id " + id
                        + ", outside 0.." + (byId.length - 1) + " (ids must be dense)");
            }
            if (byId[id] != null) {
                throw new ModelDockException("vocabulary id " + id + " is used by both '" + byId[id] + "' and '"
                        + entry.getKey() + "'");
            }
            byId[id] = entry.getKey();
        }
        return new Vocabulary(Arrays.asList(byId));
    }

    int size() {
        return tokens.size();
    }

    boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** The token's id, or -1 when the vocabulary does not have it. */
    int id(String token) {
        return ids.getOrDefault(token, -1);
    }

    /** The tokens in id order. */
    List<String> tokens() {
        return tokens;
    }

    String asText() {
        return String.join("\n", tokens);
    }
}
