package io.github.cometlyexport.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The starter's place in the hexagon (the CLI's ArchitectureTest cannot see it: Spring is not on the CLI's class
 * path). The starter is one more host of the app: it wires through {@code app}, never the services or the CLI; and
 * Spring stays in the starter, so a host without Spring links the rest unchanged. Each rule is shown to fail on a
 * class that breaks it.
 */
class StarterArchitectureTest {
    private static final String BASE = "io.github.cometlyexport";
    private static final ImportOption PRODUCTION = ImportOption.Predefined.DO_NOT_INCLUDE_TESTS;

    /** The starter builds nothing of the core by hand: the app's builder wires services and adapters. */
    static final ArchRule STARTER_WIRES_THROUGH_THE_APP = noClasses().that().resideInAPackage(BASE + ".spring..")
            .should().dependOnClassesThat().resideInAnyPackage(BASE + ".application..", BASE + ".cli..",
                    BASE + ".simulator..", "picocli..")
            .because("the starter is a host of the app, as the CLI and the examples are");

    /** Spring is the starter's alone. */
    static final ArchRule ONLY_THE_STARTER_KNOWS_SPRING = noClasses().that()
            .resideOutsideOfPackage(BASE + ".spring..").and().resideInAPackage(BASE + "..")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..")
            .because("a host without Spring links the app, the ports and the adapters unchanged");

    @Test
    void givenTheStarter_thenItWiresThroughTheAppOnly() {
        JavaClasses starter = new ClassFileImporter().withImportOption(PRODUCTION).importPackages(BASE + ".spring");
        assertThat(starter).as("the starter's classes were imported").isNotEmpty();
        STARTER_WIRES_THROUGH_THE_APP.check(starter);
    }

    @Test
    void givenEveryModuleOnTheClassPath_thenNoneButTheStarterDependsOnSpring() {
        JavaClasses library = new ClassFileImporter().withImportOption(PRODUCTION).importPackages(BASE);
        assertThat(library.containPackage(BASE + ".app")).as("the app was imported").isTrue();
        assertThat(library.containPackage(BASE + ".application")).as("the services were imported").isTrue();
        ONLY_THE_STARTER_KNOWS_SPRING.check(library);
    }

    @Test
    void givenAStarterClassThatWiresAServiceByHand_thenTheRuleFails() {
        JavaClasses bad = new ClassFileImporter().importPackages(BASE + ".spring.badfixture");
        assertThatThrownBy(() -> STARTER_WIRES_THROUGH_THE_APP.check(bad)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("GetExportStatusService");
    }

    @Test
    void givenACoreClassThatUsesSpring_thenTheRuleFails() {
        JavaClasses bad = new ClassFileImporter().importClasses(io.github.cometlyexport.app.badfixture.SpringInTheCoreFixture.class);
        assertThatThrownBy(() -> ONLY_THE_STARTER_KNOWS_SPRING.check(bad)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("org.springframework");
    }
}
