package vn.phoihop.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

class ArchitectureRulesTest {

    private static final String BAD = "vn.phoihop.testsupport.fixture.bad";
    private static final String GOOD = "vn.phoihop.testsupport.fixture.good";

    @Test
    void aDomainRecordUsingSpringOrTheDriverIsCaught() {
        var classes = new ClassFileImporter().importPackages(BAD);
        assertThatThrownBy(() -> ArchitectureRules.domainTypesFreeOfSpring(BAD).check(classes))
                .isInstanceOf(AssertionError.class).hasMessageContaining("LeakyRecord");
        assertThatThrownBy(() -> ArchitectureRules.driverOnlyInMongoAdapters(BAD).check(classes))
                .isInstanceOf(AssertionError.class).hasMessageContaining("org.bson.Document");
    }

    @Test
    void theDriverInAMongoAdapterIsFine() {
        var classes = new ClassFileImporter().importPackages(GOOD);
        assertThatCode(() -> ArchitectureRules.driverOnlyInMongoAdapters(GOOD).check(classes)).doesNotThrowAnyException();
        assertThatCode(() -> ArchitectureRules.domainTypesFreeOfSpring(GOOD).check(classes)).doesNotThrowAnyException();
    }

    @Test
    void aDateFromACallerWithoutTheWindowsConstraintIsCaught() {
        String bounded = "vn.phoihop.testsupport.fixture.Bounded";
        var bad = new ClassFileImporter().importPackages(BAD);
        assertThatThrownBy(() -> ArchitectureRules.datesFromCallersInTheWindow(BAD, bounded).check(bad))
                .isInstanceOf(AssertionError.class).hasMessageContaining("UnboundedDates$Body.from");
        assertThatThrownBy(() -> ArchitectureRules.dateParametersInTheWindow(BAD, bounded).check(bad))
                .isInstanceOf(AssertionError.class).hasMessageContaining("UnboundedDates.progress");

        var good = new ClassFileImporter().importPackages(GOOD);
        assertThatCode(() -> ArchitectureRules.datesFromCallersInTheWindow(GOOD, bounded).check(good))
                .doesNotThrowAnyException();
        assertThatCode(() -> ArchitectureRules.dateParametersInTheWindow(GOOD, bounded).check(good))
                .doesNotThrowAnyException();
    }
}
