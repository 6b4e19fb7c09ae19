package org.yiwang.workflow;

/**
 * An expression outside the language of {@link ModelExpressions}, stopped before it runs. Not a Flowable
 * exception on purpose: the engine swallows those where it evaluates task names and descriptions.
 */
class ForbiddenExpression extends RuntimeException {

    ForbiddenExpression(String message) {
        super(message);
    }
}
