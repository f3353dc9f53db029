package vn.phoihop.program.scope.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Free text in a body (titles, names, issuers): anything but a leading {@code $}, which Mongo would read as an
 * operator or, in an aggregation, a field path. Stored text is never put in a query, so this is a second wall.
 */
@Pattern(regexp = "(?s)[^$].*")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    String message() default "must not start with $";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
