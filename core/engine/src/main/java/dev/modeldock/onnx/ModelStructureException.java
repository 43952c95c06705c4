package dev.modeldock.onnx;

import dev.modeldock.plugin.ModelDockException;

/**
 * A model refused by {@link ModelChecks} because it breaks a rule of the ONNX specification that
 * native code relies on. The message names the file, the rule, the offending element and the fix.
 */
public final class ModelStructureException extends ModelDockException {
    private static final long serialVersionUID = 1L;

    private final ModelChecks.Rule rule;
    private final String element;
    private final String problem;
    private final String fix;

    ModelStructureException(String file, ModelChecks.Rule rule, String element, String problem, String fix) {
        super(file + " breaks the ONNX rule '" + rule.id() + "' at " + element + ": " + problem + ". " + fix);
        this.rule = rule;
        this.element = element;
        this.problem = problem;
        this.fix = fix;
    }

    public ModelChecks.Rule rule() {
        return rule;
    }

    /** The element at fault, e.g. {@code initializer 'w' of graph 'main'}. */
    public String element() {
        return element;
    }

    /** What is wrong, without the file or the rule. */
    public String problem() {
        return problem;
    }

    /** How to put it right. */
    public String fix() {
        return fix;
    }
}
