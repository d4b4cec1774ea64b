package io.github.cometlyexport.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every architecture rule holds on the production classes of every module. */
class ArchitectureTest {
    /** Every module's production classes; the shared test helpers ({@code test-fixtures}) are not production. */
    static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ArchitectureRules.BASE)
            .that(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(ArchitectureRules.BASE
                    + ".testing..")));

    static Stream<ArchRule> rules() {
        return ArchitectureRules.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void givenProductionClasses_whenRuleChecked_thenItHolds(ArchRule rule) {
        rule.check(PRODUCTION);
    }

    @Test
    void givenEveryNamedPackage_whenImported_thenItHoldsClasses() {
        for (String pkg : ArchitectureRules.NAMED_PACKAGES) {
            assertThat(PRODUCTION.that(ArchitectureRules.inPackage(pkg))).as(pkg).isNotEmpty();
        }
    }
}
