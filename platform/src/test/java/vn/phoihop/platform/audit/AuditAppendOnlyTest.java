package vn.phoihop.platform.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.mongodb.client.MongoCollection;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The audit log is append-only by construction: nothing in the platform can change or remove an entry. */
class AuditAppendOnlyTest {

    @Test
    void noCodeUpdatesReplacesOrDeletesAuditEntries() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("vn.phoihop.platform.audit");
        noClasses().should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a MongoCollection method that changes or removes documents", call ->
                                call.getTarget().getOwner().isAssignableTo(MongoCollection.class)
                                        && call.getTarget().getName().matches(
                                        "update.*|replace.*|delete.*|findOneAnd.*|bulkWrite|drop.*|rename.*")))
                .check(classes);
    }
}
