package io.github.cometlyexport.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.github.cometlyexport.adapter.http.archfixture.AdapterUsesService;
import io.github.cometlyexport.adapter.http.archfixture.HttpUsesStorage;
import io.github.cometlyexport.adapter.http.archfixture.OpenAdapter;
import io.github.cometlyexport.adapter.storage.local.archfixture.LocalUsesHttp;
import io.github.cometlyexport.adapter.storage.local.archfixture.LocalUsesS3;
import io.github.cometlyexport.adapter.storage.s3.archfixture.S3UsesLocal;
import io.github.cometlyexport.app.archfixture.AppUsesPicocli;
import io.github.cometlyexport.app.archfixture.PrintsOutsideCli;
import io.github.cometlyexport.application.archfixture.ClassNamedUseCase;
import io.github.cometlyexport.application.archfixture.ReadsSystemClock;
import io.github.cometlyexport.application.archfixture.TwoUseCasesService;
import io.github.cometlyexport.archfixture.cyclea.A;
import io.github.cometlyexport.archfixture.cycleb.B;
import io.github.cometlyexport.domain.archfixture.DomainImportsPort;
import io.github.cometlyexport.domain.archfixture.DomainUsesApp;
import io.github.cometlyexport.port.driving.archfixture.InPortUsesOutPort;
import io.github.cometlyexport.port.driven.archfixture.ClassNamedPort;
import io.github.cometlyexport.port.driven.archfixture.OutPortUsesInPort;
import io.github.cometlyexport.port.driven.archfixture.PortUsesLibrary;
import io.github.cometlyexport.simulator.archfixture.SimulatorUsesClientRules;
import io.github.cometlyexport.simulator.archfixture.SimulatorUsesPorts;
import io.github.cometlyexport.adapter.http.HttpDownloadAdapter;
import io.github.cometlyexport.adapter.jdbc.archfixture.JdbcUsesHttp;
import io.github.cometlyexport.adapter.ndjson.archfixture.NdjsonUsesHttp;
import io.github.cometlyexport.adapter.ndjson.archfixture.NdjsonUsesStorage;
import io.github.cometlyexport.adapter.storage.local.LocalFileStorageAdapter;
import org.junit.jupiter.api.Test;

/** A rule that has never failed proves nothing: each rule, checked against a deliberately bad class, fails. */
class ArchitectureRulesBiteTest {

    private static void bites(ArchRule rule, Class<?>... fixtures) {
        JavaClasses classes = new ClassFileImporter().importClasses(fixtures);
        assertThatThrownBy(() -> rule.check(classes)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("was violated");
    }

    @Test
    void givenDomainClassImportingAPort_whenChecked_thenDomainRuleFails() {
        bites(ArchitectureRules.DOMAIN_IS_PURE, DomainImportsPort.class);
    }

    @Test
    void givenCoreClassUsingALibraryOrTheApp_whenChecked_thenCoreRulesFail() {
        bites(ArchitectureRules.CORE_IS_PURE, PortUsesLibrary.class);
    }

    @Test
    void givenAdapterImportingAnotherAdapter_whenChecked_thenIndependenceRulesFail() {
        bites(ArchitectureRules.ADAPTER_MODULES_INDEPENDENT, HttpUsesStorage.class, LocalFileStorageAdapter.class);
        bites(ArchitectureRules.ADAPTER_MODULES_INDEPENDENT, LocalUsesHttp.class, HttpDownloadAdapter.class);
        bites(ArchitectureRules.ADAPTER_MODULES_INDEPENDENT, NdjsonUsesStorage.class, LocalFileStorageAdapter.class);
        bites(ArchitectureRules.ADAPTER_MODULES_INDEPENDENT, JdbcUsesHttp.class, HttpDownloadAdapter.class);
        bites(ArchitectureRules.LOCAL_INDEPENDENT_OF_S3, LocalUsesS3.class);
        bites(ArchitectureRules.S3_INDEPENDENT_OF_LOCAL, S3UsesLocal.class);
    }

    @Test
    void givenNdjsonAdapterUsingHttpTypes_whenChecked_thenItsFreedomRuleFails() {
        bites(ArchitectureRules.NDJSON_FREE_OF_HTTP_AND_STORAGE, NdjsonUsesHttp.class);
    }

    @Test
    void givenAdapterUsingAServiceOrDomainUsingTheApp_whenChecked_thenLayerRulesFail() {
        bites(ArchitectureRules.ADAPTERS_USE_PORTS_ONLY, AdapterUsesService.class);
        bites(ArchitectureRules.ONLY_APP_USES_APP, DomainUsesApp.class);
    }

    @Test
    void givenAppUsingPicocli_whenChecked_thenAppKnowsNoCliRuleFails() {
        bites(ArchitectureRules.APP_KNOWS_NO_CLI, AppUsesPicocli.class);
    }

    @Test
    void givenInPortUsingAnOutPort_whenChecked_thenPortSidesRuleFails() {
        bites(ArchitectureRules.DRIVING_INDEPENDENT_OF_DRIVEN, InPortUsesOutPort.class);
        bites(ArchitectureRules.DRIVEN_INDEPENDENT_OF_DRIVING, OutPortUsesInPort.class);
    }

    @Test
    void givenMisnamedOrMisshapedTypes_whenChecked_thenNamingRulesFail() {
        bites(ArchitectureRules.PORTS_ARE_OUT_PORTS, ClassNamedPort.class);
        bites(ArchitectureRules.USE_CASES_ARE_IN_PORTS, ClassNamedUseCase.class);
        bites(ArchitectureRules.SERVICES_IMPLEMENT_ONE_USE_CASE, TwoUseCasesService.class);
        bites(ArchitectureRules.ADAPTERS_ARE_FINAL_PORT_IMPLEMENTATIONS, OpenAdapter.class);
    }

    @Test
    void givenTwoPackagesUsingEachOther_whenChecked_thenCycleRuleFails() {
        bites(ArchitectureRules.NO_CYCLES, A.class, B.class);
    }

    @Test
    void givenApplicationClassReadingTheSystemClock_whenChecked_thenClockRuleFails() {
        bites(ArchitectureRules.CORE_READS_NO_CLOCK, ReadsSystemClock.class);
    }

    @Test
    void givenPrintingLoggingAndGenericThrowsOutsideTheCli_whenChecked_thenCodingRulesFail() {
        bites(ArchitectureRules.ONLY_CLI_PRINTS, PrintsOutsideCli.class);
        bites(ArchitectureRules.NO_JUL, PrintsOutsideCli.class);
        bites(ArchitectureRules.NO_GENERIC_EXCEPTIONS, PrintsOutsideCli.class);
    }

    @Test
    void givenSimulatorUsingPorts_whenChecked_thenSimulatorRuleFails() {
        bites(ArchitectureRules.SIMULATOR_IS_LIGHT, SimulatorUsesPorts.class);
        bites(ArchitectureRules.SIMULATOR_IS_LIGHT, SimulatorUsesClientRules.class);
    }

    @Test
    void givenNoClassInARulesPackage_whenChecked_thenTheRuleFailsInsteadOfPassingVacuously() {
        JavaClasses onlyCycleFixtures = new ClassFileImporter().importClasses(A.class, B.class);
        assertThatThrownBy(() -> ArchitectureRules.DOMAIN_IS_PURE.check(onlyCycleFixtures))
                .isInstanceOf(AssertionError.class).hasMessageContaining("failed to check any classes");
        assertThatThrownBy(() -> ArchitectureRules.USE_CASES_ARE_IN_PORTS.check(onlyCycleFixtures))
                .hasMessageContaining("failed to check any classes");
    }
}
