package dev.modeldock.plan;

import dev.modeldock.plugin.ModelDockException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which default-domain opset a merged pipeline is labelled with.
 *
 * <p>Relabelling a graph from opset A to B only changes the number in its header, so it is safe only
 * when no operator in the graph got a new schema in (A, B]: ReduceMean, for one, takes its axes as an
 * input from 18 on, and a graph relabelled across that would no longer load. A schema change that
 * only widened types or added an optional attribute with the old behaviour as default (Shape 15,
 * Pow 15) keeps every existing node's meaning and does not block. The schema history comes from
 * {@code ai-onnx-op-versions.txt} beside this class, the reviewed compatible changes from
 * {@code ai-onnx-compatible-changes.txt}.
 */
public final class OpsetPolicy {

    /** What OML4Py writes, and what we aim for when the encoder allows it. */
    public static final int PREFERRED_OPSET = 17;
    /** The newest opset Oracle's runtime is known to accept. */
    public static final int MAX_OPSET = 18;
    /** The oldest opset whose operator forms our own nodes use (Unsqueeze and ReduceSum take axes as inputs). */
    public static final int MIN_OPSET = 13;

    private final Map<String, int[]> schemaVersions;
    private final Set<String> compatibleChanges;

    private OpsetPolicy(Map<String, int[]> schemaVersions, Set<String> compatibleChanges) {
        this.schemaVersions = schemaVersions;
        this.compatibleChanges = compatibleChanges;
    }

    /** The policy backed by the built-in schema history (ONNX 1.16, opsets 1 to 21). */
    public static OpsetPolicy builtIn() {
        return Holder.BUILT_IN;
    }

    /**
     * The opset to label a graph with that was written for {@code sourceOpset} and uses
     * {@code operators} of the default domain: {@link #PREFERRED_OPSET} when relabelling there is
     * safe, otherwise the newest safe opset below it, otherwise the source opset itself.
     *
     * @throws ModelDockException when the source opset is above {@link #MAX_OPSET} or below
     *                            {@link #MIN_OPSET} with no safe way up
     */
    public int choose(int sourceOpset, Set<String> operators) {
        if (sourceOpset > MAX_OPSET) {
            throw new ModelDockException("the encoder uses ONNX opset " + sourceOpset + "; Oracle Database accepts"
                    + " at most opset " + MAX_OPSET + ", so export the encoder with opset 17 or 18");
        }
        if (sourceOpset >= PREFERRED_OPSET) {
            return sourceOpset;
        }
        int target = Math.min(PREFERRED_OPSET, newestSafeTarget(sourceOpset, operators));
        if (target < MIN_OPSET) {
            throw new ModelDockException("the encoder uses ONNX opset " + sourceOpset + " and operators that"
                    + " changed before opset " + MIN_OPSET + " (" + changedBetween(operators, sourceOpset, MIN_OPSET)
                    + "); export the encoder with opset " + MIN_OPSET + " or later");
        }
        return target;
    }

    /** The highest opset a graph at {@code sourceOpset} can be relabelled to without changing any operator's meaning. */
    public int newestSafeTarget(int sourceOpset, Set<String> operators) {
        int limit = Integer.MAX_VALUE;
        for (String operator : operators) {
            int[] versions = schemaVersions.get(operator);
            if (versions == null) {
                return sourceOpset; // an operator we know nothing about: never relabel
            }
            for (int version : versions) {
                if (version > sourceOpset && !compatibleChanges.contains(operator + " " + version)) {
                    limit = Math.min(limit, version - 1);
                    break;
                }
            }
        }
        return limit;
    }

    /** The operators among {@code operators} whose meaning may have changed in (from, to]. */
    public Set<String> changedBetween(Set<String> operators, int from, int to) {
        Set<String> changed = new TreeSet<>();
        for (String operator : operators) {
            int[] versions = schemaVersions.get(operator);
            if (versions == null || Arrays.stream(versions).anyMatch(v -> v > from && v <= to
                    && !compatibleChanges.contains(operator + " " + v))) {
                changed.add(operator);
            }
        }
        return changed;
    }

    private static final class Holder {
        static final OpsetPolicy BUILT_IN = load();

        private static OpsetPolicy load() {
            Map<String, int[]> versions = new HashMap<>();
            for (String[] fields : rows("ai-onnx-op-versions.txt")) {
                versions.put(fields[0], Arrays.stream(fields, 1, fields.length).mapToInt(Integer::parseInt).toArray());
            }
            Set<String> compatible = new HashSet<>();
            for (String[] fields : rows("ai-onnx-compatible-changes.txt")) {
                compatible.add(fields[0] + " " + Integer.parseInt(fields[1]));
            }
            return new OpsetPolicy(Map.copyOf(versions), Set.copyOf(compatible));
        }

        /** The whitespace-separated fields of each line that is neither blank nor a comment. */
        private static List<String[]> rows(String resource) {
            List<String[]> rows = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    OpsetPolicy.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        rows.add(line.trim().split("\\s+"));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the built-in " + resource, e);
            }
            return rows;
        }
    }
}
