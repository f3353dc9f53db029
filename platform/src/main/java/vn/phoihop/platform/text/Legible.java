package vn.phoihop.platform.text;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A name, title or other text shown to people: no control, bidirectional or invisible formatting character
 * ({@link LegibleText}). {@code null} is valid (say {@code @NotBlank} where it is required). The message names the
 * first offending code point, never the text, which may be a person's name.
 */
@Constraint(validatedBy = Legible.Check.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Legible {

    /** Text of several lines (a description, a reason): tabs and line breaks allowed. */
    boolean lines() default false;

    String message() default LegibleText.MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The validator behind the annotation. */
    final class Check implements ConstraintValidator<Legible, CharSequence> {

        private boolean lines;

        @Override
        public void initialize(Legible annotation) {
            lines = annotation.lines();
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            String problem = LegibleText.problem(value, lines);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }
    }
}
