package org.yiwang.workflow;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.flowable.common.engine.impl.de.odysseus.el.tree.Node;
import org.flowable.common.engine.impl.de.odysseus.el.tree.Tree;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstBinary;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstBoolean;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstBracket;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstChoice;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstComposite;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstDot;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstEval;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstFunction;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstIdentifier;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstMethod;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstNested;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstNull;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstNumber;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstString;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstText;
import org.flowable.common.engine.impl.de.odysseus.el.tree.impl.ast.AstUnary;
import org.flowable.common.engine.impl.el.FlowableExpressionFactory;
import org.flowable.common.engine.impl.javax.el.ELException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * The expression language of process models — the contract with model authors, kept in this one place. An
 * expression ({@code ${…}} or {@code #{…}}, alone or inside text) may use literals, process variables, their
 * entries ({@code a.b}, {@code a['b']}, {@code a[0]}), and the EL operators ({@code == != < > <= >= && || ! empty
 * + - * / % ?:}). It may call nothing but the platform functions in {@link #CALLS}, and only in a service task's
 * {@code flowable:expression}. It may not name engine objects ({@code execution}, {@code task}, …) or Spring beans
 * except as written in those calls, and may use no EL function ({@code prefix:name(…)}).
 * <p>
 * Checked on the parse tree of Flowable's own EL parser, so what is checked is what the engine would run: by the
 * model rules at import, and by the engine's expression manager before it compiles any expression.
 */
@Component
public class ModelExpressions {

    /** Deems the application accepted when the acceptance deadline passes (承诺件的受理时限). */
    public static final String DEEM_ACCEPTED = ProcessContract.DEEM_ACCEPTED;
    /** Concludes the application after its decision (办结). */
    public static final String CONCLUDE = ProcessContract.CONCLUDE;
    /** Every call a model may make, as written. */
    public static final List<String> CALLS = List.of(DEEM_ACCEPTED, CONCLUDE);

    /** The one bean a model reaches, and its methods in {@link #CALLS}. */
    static final String LIFECYCLE = ProcessContract.LIFECYCLE;
    static final String DEEM_ACCEPTED_METHOD = ProcessContract.DEEM_ACCEPTED_METHOD;
    static final String CONCLUDE_METHOD = ProcessContract.CONCLUDE_METHOD;
    private static final Set<String> CALL_STRUCTURES = Set.of(LIFECYCLE + "." + DEEM_ACCEPTED_METHOD + "(execution)",
            LIFECYCLE + "." + CONCLUDE_METHOD + "(execution)");
    /** Names Flowable resolves to its own objects before process variables. */
    private static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task", "variableContainer", "authenticatedUserId",
            "currentTenantId", LIFECYCLE);

    private final ListableBeanFactory beans;
    private final Parser parser = new Parser();

    ModelExpressions(ListableBeanFactory beans) {
        this.beans = beans;
    }

    /**
     * Why the expression text may not run, or empty when it may.
     *
     * @param platformCall whether the text stands where a platform function may be called (a service task's expression)
     */
    public Optional<String> refusal(String text, boolean platformCall) {
        Tree tree;
        try {
            tree = parser.tree(text.trim());
        } catch (ELException e) {
            return Optional.of("表达式语法错误");
        }
        return Optional.ofNullable(walk(tree.getRoot(), platformCall));
    }

    private String walk(Node node, boolean platformCall) {
        if (node instanceof AstText || node instanceof AstString || node instanceof AstNumber || node instanceof AstBoolean
                || node instanceof AstNull) {
            return null;
        }
        if (node instanceof AstIdentifier id) {
            String name = id.getName();
            return ENGINE_OBJECTS.contains(name) || beans.containsBean(name)
                    ? "引用了系统对象 " + name + "：表达式只能读取流程变量" : null;
        }
        if (node instanceof AstMethod method) {
            StringBuilder written = new StringBuilder();
            method.appendStructure(written, null);
            if (!CALL_STRUCTURES.contains(written.toString())) {
                return "调用了方法 " + written + "：表达式只能调用平台函数 " + String.join("、", CALLS);
            }
            return platformCall ? null : "只有服务任务的表达式（flowable:expression）可以调用平台函数 " + written;
        }
        if (node instanceof AstFunction function) {
            return "调用了函数 " + function.getName() + "：表达式不能调用函数";
        }
        if (node instanceof AstEval || node instanceof AstComposite || node instanceof AstNested || node instanceof AstUnary
                || node instanceof AstBinary || node instanceof AstChoice || node instanceof AstDot
                || node instanceof AstBracket) {
            for (int i = 0; i < node.getCardinality(); i++) {
                String why = walk(node.getChild(i), platformCall);
                if (why != null) {
                    return why;
                }
            }
            return null;
        }
        return "使用了不支持的表达式写法 " + node.getClass().getSimpleName();
    }

    /** Flowable's expression factory, for the trees it builds (and caches) from expression text. */
    private static final class Parser extends FlowableExpressionFactory {

        Tree tree(String text) {
            return store.get(text);
        }
    }
}
