package dev.modeldock.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The built-in probe set: the lines of {@code probe-texts.txt} plus one text long enough to be truncated. */
public final class ProbeTexts {
    private ProbeTexts() {
    }

    public static List<ProbeText> builtIn() {
        List<ProbeText> probes = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                ProbeTexts.class.getResourceAsStream("probe-texts.txt"), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.startsWith("#") && !line.isEmpty()) {
                    probes.add(ProbeText.of(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in probe texts", e);
        }
        probes.add(ProbeText.of(longText(600)));
        return probes;
    }

    /** {@code words} words of varied English, far past any encoder's window, to exercise truncation. */
    public static String longText(int words) {
        String[] vocabulary = ("the database keeps every vector beside the rows it describes so that a query can"
                + " rank documents by meaning rather than by exact words while indexes keep search fast").split(" ");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : i % 17 == 0 ? ". " : " ").append(vocabulary[(i * 7) % vocabulary.length]);
        }
        return text.append('.').toString();
    }
}
