package dev.modeldock.source.hub;

import dev.modeldock.plugin.ModelDockException;
import java.net.http.HttpHeaders;

/** The hub's refusals as errors that say what to do, read from the status and its {@code X-Error-Code}. */
final class HubErrors {
    private HubErrors() {
    }

    /**
     * @param what the request in words ({@code "file onnx/model.onnx of X at commit C"})
     */
    static ModelDockException of(int status, HttpHeaders headers, HubEnvironment env, String repoId,
            String revision, String what) {
        String code = headers.firstValue("X-Error-Code").orElse("");
        String said = headers.firstValue("X-Error-Message").map(m -> " (the hub says: " + m + ")").orElse("");
        String page = env.endpoint() + "/" + repoId;
        return new ModelDockException(switch (status) {
            // huggingface.co answers 401 for a repository that does not exist when no token is sent
            case 401 -> code.equals("RepoNotFound") && env.token() == null
                    ? "there is no model " + repoId + " on " + env.endpoint() + ", or it is private (401); check the"
                            + " id (organisation/name), and set HF_TOKEN if it is private"
                    : env.token() == null
                    ? "model " + repoId + " is gated or private: the hub refused to send it without a token (401);"
                            + " set HF_TOKEN to a token of an account with access to " + page + said
                    : "the hub refused the token in HF_TOKEN for model " + repoId + " (401): it is invalid or"
                            + " expired; set HF_TOKEN to a valid token" + said;
            case 403 -> "the token in HF_TOKEN has no access to model " + repoId + " (403): accept the model's"
                    + " conditions at " + page + " with that account, or set HF_TOKEN to a token of an account"
                    + " that has access" + said;
            case 404 -> switch (code) {
                case "RevisionNotFound" -> "model " + repoId + " has no revision '" + revision + "' (404); name a"
                        + " branch, tag or commit of " + page;
                case "EntryNotFound" -> "the hub has no " + what + " (404)";
                default -> "there is no model " + repoId + " on " + env.endpoint() + " (404); check the id"
                        + " (organisation/name)" + (env.token() == null ? ", and set HF_TOKEN if it is private" : "");
            };
            default -> "the hub answered " + status + " for " + what + said + "; try again later";
        });
    }
}
