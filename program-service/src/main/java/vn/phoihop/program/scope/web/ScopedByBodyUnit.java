package vn.phoihop.program.scope.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a write under {@code /api/v1/programs/{id}} that concerns a unit named in its body (a review, an award), not
 * the program itself: the program need only be visible, and the handler checks the body's unit against the caller's
 * scope. Every other write needs the program's whole scope inside the caller's subtree.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ScopedByBodyUnit {
}
