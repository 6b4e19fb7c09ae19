package org.yiwang.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a route anyone may call without logging in. Every API route carries either this or Shiro's
 * {@code @RequiresAuthentication} / {@code @RequiresPermissions}; a route with none of them is refused.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface Public {
}
