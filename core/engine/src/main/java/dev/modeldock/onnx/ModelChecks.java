package dev.modeldock.onnx;

import ai.onnx.proto.OnnxMl.FunctionProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.modeldock.onnx.ModelGraphs.Scope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of the ONNX checker that keep native code safe from a model from outside, checked on
 * the model's structure (no weights needed) before ONNX Runtime or any other native code sees it.
 * ONNX Runtime trusts them: a model-local function that calls itself crashes the whole process.
 * Each refusal is a {@link ModelStructureException} naming the rule, the element and the fix.
 *
 * <ol>
 * <li>{@link Rule#EXTERNAL_DATA}: no tensor anywhere (graphs, subgraphs, training graphs, functions)
 *     keeps its values in an external data file;</li>
 * <li>{@link Rule#NEGATIVE_DIMENSION} and {@link Rule#ABSURD_DIMENSIONS}: a stored tensor's
 *     dimensions are 0 or more and hold at most {@link #MAX_ELEMENTS} elements; a static dimension
 *     of a declared value (graph input, output, value info) is at most that too, and the product of
 *     its static dimensions does not overflow;</li>
 * <li>{@link Rule#SPARSE_TENSOR}: no sparse tensor anywhere: ONNX Runtime expands each into a dense
 *     one while loading, trusting its dimensions and indices (out-of-range indices corrupt its heap
 *     and abort the process; huge dimensions exhaust memory), and no ModelDock target needs them;</li>
 * <li>{@link Rule#TENSOR_DATA_TYPE}: a stored tensor's data_type is an element type ONNX defines (not
 *     UNDEFINED, not a number no type has: ONNX Runtime aborts the process on some of them);</li>
 * <li>{@link Rule#TENSOR_DATA_SIZE}: a stored tensor keeps its values in exactly one field, the one
 *     its element type uses, and holds exactly as many as its dimensions declare (for raw_data, as
 *     many bytes, for types of fixed size);</li>
 * <li>{@link Rule#DUPLICATE_NAME}: in every graph and function, inputs and initializers are named
 *     once each and every node output is assigned once (single static assignment); no two
 *     model-local functions share domain, name and overload;</li>
 * <li>{@link Rule#RECURSIVE_FUNCTION}: no model-local function calls itself, directly or through
 *     other local functions (a node calls one when its domain, op_type and overload name it).</li>
 * </ol>
 */
public final class ModelChecks {

    /** The most elements a stored tensor may declare: 2^31 - 1, as a 2 GB file cannot hold more. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE;

    /** The rules, each with the id a refusal names. */
    public enum Rule {
        EXTERNAL_DATA("external-data"),
        NEGATIVE_DIMENSION("negative-dimension"),
        ABSURD_DIMENSIONS("absurd-dimensions"),
        SPARSE_TENSOR("sparse-tensor"),
        TENSOR_DATA_TYPE("tensor-data-type"),
        TENSOR_DATA_SIZE("tensor-data-size"),
        DUPLICATE_NAME("duplicate-name"),
        RECURSIVE_FUNCTION("recursive-function");

        private final String id;

        Rule(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private final String file;

    private ModelChecks(Path file) {
        this.file = file.toString();
    }

    /**
     * Applies every rule.
     *
     * @param payloads what every tensor of the model, wherever it is, holds
     * @throws ModelStructureException for the first rule broken
     */
    static void check(Path file, ModelProto model, List<TensorPayload> payloads) {
        ModelChecks checks = new ModelChecks(file);
        checks.externalData(model);
        checks.sparse(model);
        payloads.forEach(checks::payload);
        List<Scope> scopes = ModelGraphs.scopes(model);
        for (Scope scope : scopes) {
            scope.graph().getInputList().forEach(value -> checks.declared(scope, value));
            scope.graph().getOutputList().forEach(value -> checks.declared(scope, value));
            scope.graph().getValueInfoList().forEach(value -> checks.declared(scope, value));
        }
        for (FunctionProto function : model.getFunctionsList()) {
            Scope scope = new Scope("function " + ModelGraphs.key(function), GraphProto.getDefaultInstance());
            function.getValueInfoList().forEach(value -> checks.declared(scope, value));
        }
        scopes.forEach(checks::names);
        checks.functions(model.getFunctionsList());
    }

    /** The external-data rule alone, which every reader applies: such a model cannot travel as one file. */
    static void refuseExternalData(Path file, ModelProto model) {
        new ModelChecks(file).externalData(model);
    }

    /** The payloads of every tensor of a model read with its values. */
    static List<TensorPayload> payloads(ModelProto model) {
        List<TensorPayload> payloads = new ArrayList<>();
        ModelGraphs.tensors(model, (where, tensor) -> payloads.add(TensorPayload.of(tensor)));
        return payloads;
    }

    private ModelStructureException refuse(Rule rule, String element, String problem, String fix) {
        return new ModelStructureException(file, rule, element, problem, fix);
    }

    // ---- external data

    private void externalData(ModelProto model) {
        ModelGraphs.tensors(model, (where, tensor) -> {
            if (tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                throw refuse(Rule.EXTERNAL_DATA, "tensor '" + tensor.getName() + "' of " + where,
                        "it keeps its weights in external data files",
                        "Only self-contained ONNX files under 2 GB are accepted: save the model with its weights"
                                + " inside (onnx.save_model(model, path, save_as_external_data=False))");
            }
        });
    }

    // ---- sparse tensors

    private void sparse(ModelProto model) {
        ModelGraphs.sparseTensors(model, (where, tensor) -> {
            throw refuse(Rule.SPARSE_TENSOR, "sparse tensor '" + tensor.getValues().getName() + "' of " + where,
                    "ModelDock accepts no sparse tensors (ONNX Runtime expands them trusting their indices)",
                    "Store the tensor dense: an initializer, or a Constant's 'value'");
        });
    }

    // ---- dimensions and sizes of stored tensors

    private void payload(TensorPayload tensor) {
        if (tensor.external()) {
            return; // the external-data rule answers for it
        }
        String element = "tensor '" + tensor.name() + "'";
        if (ElementSizes.bits(tensor.dataType()) < 0) {
            String type = tensor.dataType() == 0 ? "UNDEFINED" : "not an ONNX element type this server accepts";
            throw refuse(Rule.TENSOR_DATA_TYPE, element, "its data_type " + tensor.dataType() + " is " + type,
                    "Write the tensor again with the element type of its values (FLOAT is 1, INT64 7, STRING 8)");
        }
        long elements = 1;
        for (int i = 0; i < tensor.dims().size(); i++) {
            long dim = tensor.dims().get(i);
            if (dim < 0) {
                throw refuse(Rule.NEGATIVE_DIMENSION, element, "dimension " + i + " is " + dim + " (shape "
                        + tensor.dims() + ")", "A stored tensor's dimensions are 0 or more: fix the exporter");
            }
            if (dim != 0 && elements > MAX_ELEMENTS / dim) {
                elements = MAX_ELEMENTS + 1; // and stays absurd, unless a later dimension is 0
            } else {
                elements *= dim;
            }
        }
        if (elements > MAX_ELEMENTS) {
            throw refuse(Rule.ABSURD_DIMENSIONS, element, "its shape " + tensor.dims() + " declares more than "
                    + MAX_ELEMENTS + " elements", "No tensor of a model under 2 GB can be that large: fix its dims");
        }
        Map<String, Long> fields = new LinkedHashMap<>();
        putIfAny(fields, "raw_data", tensor.rawBytes());
        putIfAny(fields, "float_data", tensor.floatCount());
        putIfAny(fields, "int32_data", tensor.int32Count());
        putIfAny(fields, "int64_data", tensor.int64Count());
        putIfAny(fields, "double_data", tensor.doubleCount());
        putIfAny(fields, "uint64_data", tensor.uint64Count());
        putIfAny(fields, "string_data", tensor.stringCount());
        String type = ElementSizes.typeName(tensor.dataType());
        String declared = "declares shape " + tensor.dims() + " of " + type + " (" + elements + " elements)";
        String fix = "Write the tensor again so that its values match its dims and data_type";
        if (fields.size() > 1) {
            throw refuse(Rule.TENSOR_DATA_SIZE, element, "it keeps values in more than one field " + fields.keySet()
                    + "; a tensor has one value field", fix);
        }
        if (fields.isEmpty()) {
            if (elements > 0) {
                throw refuse(Rule.TENSOR_DATA_SIZE, element, "it " + declared + " but holds no values", fix);
            }
            return;
        }
        Map.Entry<String, Long> field = fields.entrySet().iterator().next();
        int bits = ElementSizes.bits(tensor.dataType());
        if (field.getKey().equals("raw_data")) {
            if (bits == 0) {
                throw refuse(Rule.TENSOR_DATA_SIZE, element, "it keeps STRING values in raw_data, which holds only"
                        + " fixed-size types", "Keep strings in string_data");
            }
            long bytes = (elements * bits + 7) / 8;
            if (bytes != field.getValue()) {
                throw refuse(Rule.TENSOR_DATA_SIZE, element, "it " + declared + ", " + bytes + " bytes, but its"
                        + " raw_data holds " + field.getValue() + " bytes", fix);
            }
            return;
        }
        Set<Long> expected = ElementSizes.expectedCounts(tensor.dataType(), field.getKey(), elements);
        if (expected.isEmpty()) {
            throw refuse(Rule.TENSOR_DATA_SIZE, element, "it keeps " + type + " values in " + field.getKey()
                    + ", which does not hold that type", fix);
        }
        if (!expected.contains(field.getValue())) {
            throw refuse(Rule.TENSOR_DATA_SIZE, element, "it " + declared + ", " + expected.iterator().next()
                    + " entries of " + field.getKey() + ", but holds " + field.getValue(), fix);
        }
    }

    private static void putIfAny(Map<String, Long> fields, String name, long count) {
        if (count > 0) {
            fields.put(name, count);
        }
    }

    // ---- declared values

    private void declared(Scope scope, ValueInfoProto value) {
        if (value.hasType()) {
            declaredType(scope, value.getName(), value.getType());
        }
    }

    private void declaredType(Scope scope, String name, TypeProto type) {
        switch (type.getValueCase()) {
            case TENSOR_TYPE -> declaredShape(scope, name, type.getTensorType().getShape());
            case SPARSE_TENSOR_TYPE -> declaredShape(scope, name, type.getSparseTensorType().getShape());
            case SEQUENCE_TYPE -> declaredType(scope, name, type.getSequenceType().getElemType());
            case OPTIONAL_TYPE -> declaredType(scope, name, type.getOptionalType().getElemType());
            case MAP_TYPE -> declaredType(scope, name, type.getMapType().getValueType());
            default -> {
                // opaque types have no shape
            }
        }
    }

    private void declaredShape(Scope scope, String name, TensorShapeProto shape) {
        long product = 1;
        for (TensorShapeProto.Dimension dim : shape.getDimList()) {
            if (!dim.hasDimValue() || dim.getDimValue() <= 0) {
                continue;
            }
            long value = dim.getDimValue();
            if (value > MAX_ELEMENTS || product > Long.MAX_VALUE / value) {
                throw refuse(Rule.ABSURD_DIMENSIONS, "value '" + name + "' of " + scope.label(), "its declared shape "
                        + shapeText(shape) + " cannot exist (a dimension over " + MAX_ELEMENTS + ", or more elements"
                        + " than a 64-bit count holds)", "Declare the dimension as a named, variable one, or fix it");
            }
            product *= value;
        }
    }

    private static String shapeText(TensorShapeProto shape) {
        return shape.getDimList().stream()
                .map(d -> d.hasDimValue() ? String.valueOf(d.getDimValue()) : d.getDimParam().isEmpty() ? "?"
                        : d.getDimParam())
                .toList().toString();
    }

    // ---- names

    private void names(Scope scope) {
        Set<String> inputs = new HashSet<>();
        for (ValueInfoProto input : scope.graph().getInputList()) {
            if (!inputs.add(input.getName())) {
                throw refuse(Rule.DUPLICATE_NAME, "input '" + input.getName() + "' of " + scope.label(),
                        "two inputs have that name", "Give every graph input its own name");
            }
        }
        Set<String> initializers = new HashSet<>();
        List<String> initializerNames = new ArrayList<>();
        scope.graph().getInitializerList().forEach(t -> initializerNames.add(t.getName()));
        scope.graph().getSparseInitializerList().forEach(t -> initializerNames.add(t.getValues().getName()));
        for (String name : initializerNames) {
            if (!initializers.add(name)) {
                throw refuse(Rule.DUPLICATE_NAME, "initializer '" + name + "' of " + scope.label(),
                        "two initializers have that name", "Give every initializer its own name");
            }
        }
        Set<String> assigned = new HashSet<>(inputs);
        assigned.addAll(initializers);
        assignOnce(scope.label(), assigned, scope.graph().getNodeList());
    }

    /** Single static assignment: each node output is a new name. */
    private void assignOnce(String label, Set<String> assigned, List<NodeProto> nodes) {
        for (NodeProto node : nodes) {
            for (String output : node.getOutputList()) {
                if (!output.isEmpty() && !assigned.add(output)) {
                    throw refuse(Rule.DUPLICATE_NAME, "output '" + output + "' of node '" + node.getName() + "' ("
                            + node.getOpType() + ") in " + label, "that name is already an input, an initializer or"
                            + " another node's output; each name is assigned once", "Rename one of the two");
                }
            }
        }
    }

    // ---- functions

    private void functions(List<FunctionProto> functions) {
        Map<String, FunctionProto> byKey = new LinkedHashMap<>();
        for (FunctionProto function : functions) {
            String key = ModelGraphs.key(function);
            if (byKey.putIfAbsent(key, function) != null) {
                throw refuse(Rule.DUPLICATE_NAME, "function " + key, "two model-local functions have that domain,"
                        + " name and overload", "Give every function its own name");
            }
            Set<String> assigned = new HashSet<>();
            for (String input : function.getInputList()) {
                if (!assigned.add(input)) {
                    throw refuse(Rule.DUPLICATE_NAME, "input '" + input + "' of function " + key,
                            "two inputs have that name", "Give every function input its own name");
                }
            }
            assignOnce("function " + key, assigned, function.getNodeList());
        }
        Map<String, List<String>> calls = new HashMap<>();
        for (Map.Entry<String, FunctionProto> entry : byKey.entrySet()) {
            List<String> callees = new ArrayList<>();
            ModelGraphs.nodes(entry.getValue().getNodeList(), node -> {
                String callee = ModelGraphs.key(node.getDomain(), node.getOpType(), node.getOverload());
                if (byKey.containsKey(callee)) {
                    callees.add(callee);
                }
            });
            calls.put(entry.getKey(), callees);
        }
        // Depth first, without recursion: a file may chain many thousands of functions.
        Set<String> finished = new HashSet<>();
        for (String start : byKey.keySet()) {
            if (finished.contains(start)) {
                continue;
            }
            List<String> path = new ArrayList<>(List.of(start));
            List<Integer> next = new ArrayList<>(List.of(0)); // per function on the path: its next callee
            Set<String> onPath = new HashSet<>(path);
            while (!path.isEmpty()) {
                int top = path.size() - 1;
                List<String> callees = calls.get(path.get(top));
                int index = next.get(top);
                if (index == callees.size()) {
                    String done = path.remove(top);
                    next.remove(top);
                    onPath.remove(done);
                    finished.add(done);
                    continue;
                }
                next.set(top, index + 1);
                String callee = callees.get(index);
                if (onPath.contains(callee)) {
                    throw recursion(path.subList(path.indexOf(callee), path.size()), callee);
                }
                if (!finished.contains(callee)) {
                    path.add(callee);
                    next.add(0);
                    onPath.add(callee);
                }
            }
        }
    }

    private ModelStructureException recursion(List<String> cycleStart, String function) {
        List<String> cycle = new ArrayList<>(cycleStart);
        cycle.add(function);
        String chain = cycle.size() <= 12 ? String.join(" -> ", cycle) : String.join(" -> ", cycle.subList(0, 6))
                + " -> ... (" + (cycle.size() - 10) + " more) -> " + String.join(" -> ",
                cycle.subList(cycle.size() - 4, cycle.size()));
        return refuse(Rule.RECURSIVE_FUNCTION, "function " + function, cycle.size() == 2
                ? "it calls itself (" + chain + ")" : "it calls itself through other functions (" + chain + ")",
                "ONNX functions cannot be recursive (ONNX Runtime crashes on them): rewrite the model so that"
                        + " no chain of calls returns to a function");
    }

}
