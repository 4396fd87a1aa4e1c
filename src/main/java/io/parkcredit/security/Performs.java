package io.parkcredit.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the {@link Action} a page or API method performs. The service it calls checks the right;
 * this link lets the route-rights test and the README say which door leads to which room.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Performs {
    Action value();
}
