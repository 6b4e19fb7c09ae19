package org.yiwang.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A route whose JSON body may exceed {@code yiwang.security.max-json-body} up to the given size, because it carries
 * a document with its own limit (a BPMN model of up to 2 MB as a JSON string).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface LargeBody {

    int megabytes();
}
