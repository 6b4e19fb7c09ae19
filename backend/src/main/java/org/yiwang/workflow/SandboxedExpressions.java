package org.yiwang.workflow;

import java.beans.FeatureDescriptor;
import java.util.AbstractMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flowable.common.engine.api.delegate.Expression;
import org.flowable.common.engine.impl.el.JsonNodeELResolver;
import org.flowable.common.engine.impl.el.ReadOnlyMapELResolver;
import org.flowable.common.engine.impl.javax.el.ArrayELResolver;
import org.flowable.common.engine.impl.javax.el.CouldNotResolvePropertyELResolver;
import org.flowable.common.engine.impl.javax.el.ELContext;
import org.flowable.common.engine.impl.javax.el.ELResolver;
import org.flowable.common.engine.impl.javax.el.ListELResolver;
import org.flowable.common.engine.impl.javax.el.MapELResolver;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.impl.el.ProcessExpressionManager;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The engine's expression manager, closed to the language of {@link ModelExpressions}: every expression is checked
 * before it is compiled (so one deployed before the check, or past it, still cannot run), and the resolvers it
 * evaluates with read variables and their entries only. There is no bean resolver, so no method of any object is
 * reachable but the platform calls, no getter, no class; the only bean by name is {@code lifecycle}.
 */
class SandboxedExpressions extends ProcessExpressionManager {

    private final ModelExpressions language;

    SandboxedExpressions(ModelExpressions language, ObjectProvider<LifecycleDelegate> lifecycle) {
        super(platformBeans(lifecycle));
        this.language = language;
    }

    @Override
    public Expression createExpression(String text) {
        language.refusal(text, true).ifPresent(why -> {
            throw new ForbiddenExpression("流程表达式 " + text.trim() + " 不被允许：" + why);
        });
        return super.createExpression(text);
    }

    @Override
    protected List<ELResolver> createDefaultElResolvers() {
        return List.of(createVariableElResolver(), new ReadOnlyMapELResolver(beans), new PlatformCalls(),
                new ArrayELResolver(true), new ListELResolver(true), new MapELResolver(true), new JsonNodeELResolver(true),
                new CouldNotResolvePropertyELResolver());
    }

    /** {@code lifecycle}, looked up when first used: it depends on services that depend on the engine. */
    private static Map<Object, Object> platformBeans(ObjectProvider<LifecycleDelegate> lifecycle) {
        return new AbstractMap<>() {
            @Override
            public boolean containsKey(Object key) {
                return ModelExpressions.LIFECYCLE.equals(key);
            }

            @Override
            public Object get(Object key) {
                return containsKey(key) ? lifecycle.getObject() : null;
            }

            @Override
            public Set<Entry<Object, Object>> entrySet() {
                return Set.of(Map.entry(ModelExpressions.LIFECYCLE, lifecycle.getObject()));
            }
        };
    }

    /** Answers method calls: the platform calls of {@link ModelExpressions#CALLS}, and refuses every other. */
    private static final class PlatformCalls extends ELResolver {

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
            if (base instanceof LifecycleDelegate lifecycle && params != null && params.length == 1
                    && params[0] instanceof DelegateExecution execution) {
                if (ModelExpressions.DEEM_ACCEPTED_METHOD.equals(method)) {
                    lifecycle.deemAccepted(execution);
                    context.setPropertyResolved(true);
                    return null;
                }
                if (ModelExpressions.CONCLUDE_METHOD.equals(method)) {
                    lifecycle.conclude(execution);
                    context.setPropertyResolved(true);
                    return null;
                }
            }
            throw new ForbiddenExpression("流程表达式调用了平台函数以外的方法 " + method);
        }

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            return null;
        }

        @Override
        public Class<?> getType(ELContext context, Object base, Object property) {
            return null;
        }

        @Override
        public void setValue(ELContext context, Object base, Object property, Object value) {
            // not a property resolver: the next resolver answers, or none does
        }

        @Override
        public boolean isReadOnly(ELContext context, Object base, Object property) {
            return true;
        }

        @Override
        public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
            return null;
        }

        @Override
        public Class<?> getCommonPropertyType(ELContext context, Object base) {
            return null;
        }
    }
}
