package dev.modeldock.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modeldock.plugin.ModelDockException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which opset a pipeline is labelled with. Expected values come from the ONNX operator changelog: e.g.
 * ReduceMean got new schemas at 11, 13 and 18, Unsqueeze at 11, 13 and 21, Pow at 12, 13 and 15.
 */
class OpsetPolicyTest {

    /** The default-domain operators of a torch export of sentence-transformers/all-MiniLM-L6-v2. */
    private static final Set<String> MINILM_OPERATORS = Set.of("Add", "Cast", "Concat", "Constant",
            "ConstantOfShape", "Div", "Equal", "Erf", "Expand", "Gather", "MatMul", "Mul", "Pow", "ReduceMean",
            "Reshape", "Shape", "Slice", "Softmax", "Sqrt", "Sub", "Tanh", "Transpose", "Unsqueeze", "Where");

    private final OpsetPolicy policy = OpsetPolicy.builtIn();

    @Test
    void aMiniLmGraphAtOpset14IsRelabelledTo17() {
        // Pow-15, Shape-15 and Where-16 only widened types or added defaulted attributes; ReduceMean-18 is past 17.
        assertEquals(17, policy.choose(14, MINILM_OPERATORS));
        assertEquals(17, policy.choose(13, MINILM_OPERATORS)); // Add/Sub/Mul/Div-14 only added integer types
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 18})
    void aGraphAtOpset17Or18KeepsItsOpset(int opset) {
        assertEquals(opset, policy.choose(opset, MINILM_OPERATORS));
        assertEquals(opset, policy.choose(opset, Set.of("ReduceMean", "SomeFutureOp")));
    }

    @Test
    void opset19IsRefusedNamingTheHighestAcceptedOpset() {
        ModelDockException e = assertThrows(ModelDockException.class, () -> policy.choose(19, Set.of("Add")));
        assertTrue(e.getMessage().contains("19"), e.getMessage());
        assertTrue(e.getMessage().contains("18"), e.getMessage());
    }

    @Test
    void aGraphAtOpset11UsingUnsqueezeIsRefusedBecauseUnsqueezeChangedAt13() {
        ModelDockException e = assertThrows(ModelDockException.class,
                () -> policy.choose(11, Set.of("Unsqueeze", "Add")));
        assertTrue(e.getMessage().contains("Unsqueeze"), e.getMessage());
        assertTrue(e.getMessage().contains("13"), e.getMessage());
        assertEquals(13, OpsetPolicy.MIN_OPSET);
    }

    @Test
    void aGraphBelowTheMinimumIsLiftedWhenNoneOfItsOperatorsChangedOnTheWay() {
        // RoiAlign-16 changed the default coordinate_transformation_mode, so a graph at 12 can go up to 15.
        assertEquals(15, policy.choose(12, Set.of("RoiAlign")));
        // Where-16 only added bfloat16, which does not stop the way to 17.
        assertEquals(17, policy.choose(12, Set.of("Where")));
        // Acos has had one schema since 7: the preferred opset is reachable.
        assertEquals(17, policy.choose(12, Set.of("Acos")));
    }

    @Test
    void relabellingStopsBeforeAnOperatorSchemaChange() {
        assertEquals(17, policy.newestSafeTarget(14, Set.of("ReduceMean"))); // ReduceMean-18
        assertEquals(17, policy.newestSafeTarget(17, Set.of("ReduceMean")));
        assertEquals(13, policy.newestSafeTarget(13, Set.of("BatchNormalization"))); // BatchNormalization-14
        assertEquals(18, policy.newestSafeTarget(13, Set.of("Reshape"))); // 14 compatible (allowzero), 19 not
        assertEquals(18, policy.newestSafeTarget(14, Set.of("Shape", "Pow"))); // 15s compatible, Shape-19 not
        assertEquals(12, policy.newestSafeTarget(11, Set.of("Unsqueeze"))); // Unsqueeze-13
        assertEquals(12, policy.newestSafeTarget(11, Set.of("Unsqueeze", "ReduceMean"))); // the tightest wins
        assertEquals(17, policy.choose(14, Set.of("ReduceMean", "MatMul", "Add")));
        assertEquals(13, policy.choose(13, Set.of("ReduceMean", "Softmax", "BatchNormalization", "Mul")));
        assertEquals(14, policy.choose(14, Set.of("ReduceMean", "BatchNormalization"))); // BatchNormalization-15
    }

    @Test
    void anOperatorUnknownToTheTableIsNeverRelabelled() {
        assertEquals(14, policy.newestSafeTarget(14, Set.of("NotAnOnnxOp")));
        assertEquals(14, policy.newestSafeTarget(14, Set.of("MatMul", "NotAnOnnxOp")));
        assertEquals(14, policy.choose(14, Set.of("Add", "NotAnOnnxOp")));
    }

    @Test
    void changedBetweenListsOperatorsWithANewSchemaInTheHalfOpenRange() {
        Set<String> operators = Set.of("ReduceMean", "Add", "Unsqueeze", "MatMul", "Mystery");
        // (13, 18]: ReduceMean-18 changed; Add-14 only added integer types; Unsqueeze-13 is at the excluded
        // lower bound; an unknown operator always counts as changed.
        assertEquals(Set.of("ReduceMean", "Mystery"), policy.changedBetween(operators, 13, 18));
        assertEquals(Set.of("Add", "Unsqueeze", "MatMul", "Mystery", "ReduceMean"),
                policy.changedBetween(operators, 12, 14));
        assertEquals(Set.of("Mystery"), policy.changedBetween(operators, 18, 20));
    }
}
