package vn.phoihop.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.time.LocalDate;

/**
 * The code shape every service keeps: feature packages, with the MongoDB driver only in their
 * {@code mongo} adapters, HTTP only in their {@code web} adapters, and domain records and enums free of
 * Spring altogether; and every date a web adapter reads from a caller bounded to the platform's calendar window.
 */
public final class ArchitectureRules {

    /** The platform's constraint for a date a caller sends (named, so this module needs no platform dependency). */
    static final String CALENDAR_DATE = "vn.phoihop.platform.web.CalendarDate";

    private ArchitectureRules() {
    }

    /** Checks the production classes under {@code basePackage}; throws an AssertionError listing violations. */
    public static void check(String basePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        driverOnlyInMongoAdapters(basePackage).check(classes);
        httpOnlyInWebAdapters(basePackage).check(classes);
        domainTypesFreeOfSpring(basePackage).check(classes);
        datesFromCallersInTheWindow(basePackage, CALENDAR_DATE).check(classes);
        dateParametersInTheWindow(basePackage, CALENDAR_DATE).check(classes);
    }

    static ArchRule driverOnlyInMongoAdapters(String base) {
        return noClasses().that().resideOutsideOfPackage(base + "..mongo..")
                .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..")
                .because("storage stays behind the feature's mongo adapter");
    }

    static ArchRule httpOnlyInWebAdapters(String base) {
        return noClasses().that().resideOutsideOfPackage(base + "..web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "jakarta.servlet..")
                .because("HTTP stays behind the feature's web adapter");
    }

    static ArchRule domainTypesFreeOfSpring(String base) {
        return noClasses().that().resideInAPackage(base + "..").and().areRecords()
                .or().areEnums().and().resideInAPackage(base + "..")
                .and().resideOutsideOfPackages(base + "..web..", base + "..mongo..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .because("the domain reads the same without the framework");
    }

    /** A date in a request body: an unbounded one turned a range into unbounded work (a bucket per year). */
    static ArchRule datesFromCallersInTheWindow(String base, String constraint) {
        return fields().that().areDeclaredInClassesThat().resideInAPackage(base + "..web..")
                .and().haveRawType(LocalDate.class)
                .should().beAnnotatedWith(constraint)
                .because("a date a caller sends must lie in the calendar window (400 otherwise)")
                .allowEmptyShould(true);
    }

    /** A date in a query parameter of a handler method. */
    static ArchRule dateParametersInTheWindow(String base, String constraint) {
        return methods().that().areDeclaredInClassesThat().resideInAPackage(base + "..web..")
                .and().areMetaAnnotatedWith("org.springframework.web.bind.annotation.RequestMapping")
                .should(new ArchCondition<JavaMethod>("carry @CalendarDate on every LocalDate parameter") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        for (JavaParameter parameter : method.getParameters()) {
                            if (parameter.getRawType().isEquivalentTo(LocalDate.class)
                                    && !parameter.isAnnotatedWith(constraint)) {
                                events.add(SimpleConditionEvent.violated(method, method.getFullName() + " parameter "
                                        + parameter.getIndex() + " is a LocalDate without " + constraint));
                            }
                        }
                    }
                })
                .because("a date a caller sends must lie in the calendar window (400 otherwise)")
                .allowEmptyShould(true);
    }
}
