package vn.phoihop.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The code shape every service keeps: feature packages, with the MongoDB driver only in their
 * {@code mongo} adapters, HTTP only in their {@code web} adapters, and domain records and enums free of
 * Spring altogether.
 */
public final class ArchitectureRules {

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
}
