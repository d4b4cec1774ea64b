package io.github.cometlyexport.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The dependency rules of the hexagon (see the architecture notes in the README). Every rule fails when the classes
 * it selects are missing (ArchUnit's "fail on empty should"), so a renamed package cannot make a rule pass
 * vacuously; {@code ArchitectureRulesBiteTest} shows each rule failing on a deliberately bad class.
 */
final class ArchitectureRules {
    static final String BASE = "io.github.cometlyexport";
    static final String DOMAIN = BASE + ".domain..";
    static final String PORT = BASE + ".port..";
    static final String PORT_DRIVING = BASE + ".port.driving..";
    static final String PORT_DRIVEN = BASE + ".port.driven..";
    static final String APPLICATION = BASE + ".application..";
    static final String ADAPTER = BASE + ".adapter..";
    static final String HTTP = BASE + ".adapter.http..";
    static final String NDJSON = BASE + ".adapter.ndjson..";
    static final String STORAGE = BASE + ".adapter.storage..";
    static final String LOCAL = BASE + ".adapter.storage.local..";
    static final String S3 = BASE + ".adapter.storage.s3..";
    static final String JDBC = BASE + ".adapter.jdbc..";
    static final String METRICS = BASE + ".adapter.metrics..";
    static final String SIMULATOR = BASE + ".simulator..";
    static final String APP = BASE + ".app..";
    static final String CLI = BASE + ".cli..";

    /** Every package a rule names; each must hold production classes. */
    static final List<String> NAMED_PACKAGES = List.of(DOMAIN, PORT_DRIVING, PORT_DRIVEN, APPLICATION, HTTP, NDJSON, JDBC, METRICS,
            STORAGE, LOCAL, S3, SIMULATOR, APP, CLI);

    private ArchitectureRules() {
    }

    /** 1. The domain depends on itself and the JDK only. */
    static final ArchRule DOMAIN_IS_PURE = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage(DOMAIN, "java..")
            .because("the export rules must stay free of ports, adapters and libraries");

    /** 2. Ports and services depend on themselves, the domain and the JDK only. */
    static final ArchRule CORE_IS_PURE = classes().that().resideInAnyPackage(PORT, APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage(PORT, APPLICATION, DOMAIN, "java..")
            .because("no library type may cross a port");

    /** 3a. No adapter module knows another (HTTP, NDJSON, storage, JDBC, metrics, and any added later). */
    static final ArchRule ADAPTER_MODULES_INDEPENDENT = slices().matching(BASE + ".adapter.(*)..")
            .should().notDependOnEachOther()
            .because("a host links only the adapters it wants, and swaps each alone");

    /** 3b. Reading an export's lines knows nothing of how it travelled or where it is kept. */
    static final ArchRule NDJSON_FREE_OF_HTTP_AND_STORAGE = noClasses().that().resideInAPackage(NDJSON)
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.hc..", "java.net.http..",
                    "software.amazon..", "java.nio.file..")
            .because("the NDJSON adapter works on a stream of bytes, wherever they come from");

    /** 3c. The local store does not know the S3 store. */
    static final ArchRule LOCAL_INDEPENDENT_OF_S3 = noClasses().that().resideInAPackage(LOCAL)
            .should().dependOnClassesThat().resideInAPackage(S3)
            .because("a host links only the store it wants");

    /** 3d. The S3 store does not know the local store. */
    static final ArchRule S3_INDEPENDENT_OF_LOCAL = noClasses().that().resideInAPackage(S3)
            .should().dependOnClassesThat().resideInAPackage(LOCAL)
            .because("a host links only the store it wants");

    /** 4a. Adapters use ports, never the services or the composition root. */
    static final ArchRule ADAPTERS_USE_PORTS_ONLY = noClasses().that().resideInAPackage(ADAPTER)
            .should().dependOnClassesThat().resideInAnyPackage(APPLICATION, APP)
            .because("adapters plug into ports; only the app wires services");

    /** 4b. Nothing but the app and the CLI (which drives it) depends on the app. */
    static final ArchRule ONLY_APP_USES_APP = noClasses().that().resideOutsideOfPackages(APP, CLI)
            .should().dependOnClassesThat().resideInAPackage(APP)
            .because("the composition root is the outermost layer a host links");

    /** 4c. The app knows nothing of the CLI: a host links it without picocli or the CLI's classes. */
    static final ArchRule APP_KNOWS_NO_CLI = noClasses().that().resideInAPackage(APP)
            .should().dependOnClassesThat().resideInAnyPackage(CLI, "picocli..")
            .because("the CLI is one host of the app among others");

    /** 5a. Use cases do not know driven ports. */
    static final ArchRule DRIVING_INDEPENDENT_OF_DRIVEN = noClasses().that().resideInAPackage(PORT_DRIVING)
            .should().dependOnClassesThat().resideInAPackage(PORT_DRIVEN)
            .because("in-ports and out-ports are two sides of the core");

    /** 5b. Driven ports do not know use cases. */
    static final ArchRule DRIVEN_INDEPENDENT_OF_DRIVING = noClasses().that().resideInAPackage(PORT_DRIVEN)
            .should().dependOnClassesThat().resideInAPackage(PORT_DRIVING)
            .because("in-ports and out-ports are two sides of the core");

    /** 6a. Use cases are interfaces in port.driving. */
    static final ArchRule USE_CASES_ARE_IN_PORTS = classes().that().haveSimpleNameEndingWith("UseCase")
            .should().beInterfaces().andShould().resideInAPackage(PORT_DRIVING);

    /** 6b. Driven ports are interfaces in port.driven. */
    static final ArchRule PORTS_ARE_OUT_PORTS = classes().that().haveSimpleNameEndingWith("Port")
            .should().beInterfaces().andShould().resideInAPackage(PORT_DRIVEN);

    /** 6c. Each service implements exactly one use case. */
    static final ArchRule SERVICES_IMPLEMENT_ONE_USE_CASE = classes().that().haveSimpleNameEndingWith("Service")
            .should(implementExactlyOne("UseCase"));

    /** 6d. Each adapter is final and implements a driven port. */
    static final ArchRule ADAPTERS_ARE_FINAL_PORT_IMPLEMENTATIONS = classes().that().haveSimpleNameEndingWith("Adapter")
            .should().haveModifier(JavaModifier.FINAL).andShould(implementAtLeastOne("Port"));

    /** 7. No package cycles. */
    static final ArchRule NO_CYCLES = slices().matching(BASE + ".(**)").should().beFreeOfCycles();

    /** 8. The core never reads the system clock, and never sleeps. */
    static final ArchRule CORE_READS_NO_CLOCK = noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
            .should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(Instant.class, "now")
            .orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(Clock.class, "systemDefaultZone")
            .orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(OffsetDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .orShould().callMethod(Thread.class, "sleep", long.class)
            .because("time comes from an injected Clock and waits go through a Sleeper");

    /** 9a. Only the CLI writes to standard output and error. */
    static final ArchRule ONLY_CLI_PRINTS = noClasses().that().resideOutsideOfPackage(CLI)
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("libraries log through SLF4J; only the CLI talks to a terminal");

    /** 9b. No java.util.logging. */
    static final ArchRule NO_JUL = noClasses().should().dependOnClassesThat().resideInAPackage("java.util.logging..")
            .because("logging goes through SLF4J (ArchUnit's own JUL rule only sees Logger fields)");

    /** 9c. No generic exceptions thrown. */
    static final ArchRule NO_GENERIC_EXCEPTIONS = GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

    /**
     * 11. The simulator stays embeddable and independent: JDK, JSON-P and (for its extension) JUnit's API only, and
     * none of the domain, so that its request rules are its own and cannot share a bug with the client's.
     */
    static final ArchRule SIMULATOR_IS_LIGHT = classes().that().resideInAPackage(SIMULATOR)
            .should().onlyDependOnClassesThat().resideInAnyPackage(SIMULATOR, "java..", "javax.crypto..",
                    "com.sun.net.httpserver..", "jakarta.json..", "org.junit.jupiter.api.extension..")
            .because("hosts embed it in their own tests, and it is an independent oracle of the API");

    /** All rules, for the production check. */
    static final List<ArchRule> ALL = List.of(DOMAIN_IS_PURE, CORE_IS_PURE, ADAPTER_MODULES_INDEPENDENT,
            NDJSON_FREE_OF_HTTP_AND_STORAGE, LOCAL_INDEPENDENT_OF_S3, S3_INDEPENDENT_OF_LOCAL, ADAPTERS_USE_PORTS_ONLY,
            ONLY_APP_USES_APP, APP_KNOWS_NO_CLI, DRIVING_INDEPENDENT_OF_DRIVEN, DRIVEN_INDEPENDENT_OF_DRIVING, USE_CASES_ARE_IN_PORTS, PORTS_ARE_OUT_PORTS,
            SERVICES_IMPLEMENT_ONE_USE_CASE, ADAPTERS_ARE_FINAL_PORT_IMPLEMENTATIONS, NO_CYCLES, CORE_READS_NO_CLOCK,
            ONLY_CLI_PRINTS, NO_JUL, NO_GENERIC_EXCEPTIONS, SIMULATOR_IS_LIGHT);

    private static ArchCondition<JavaClass> implementExactlyOne(String suffix) {
        return new ArchCondition<>("implement exactly one interface named *" + suffix) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                long n = c.getAllRawInterfaces().stream().filter(i -> i.getSimpleName().endsWith(suffix)).count();
                events.add(new SimpleConditionEvent(c, n == 1, c.getName() + " implements " + n + " *" + suffix));
            }
        };
    }

    private static ArchCondition<JavaClass> implementAtLeastOne(String suffix) {
        return new ArchCondition<>("implement an interface named *" + suffix) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                boolean ok = c.getAllRawInterfaces().stream().anyMatch(i -> i.getSimpleName().endsWith(suffix));
                events.add(new SimpleConditionEvent(c, ok, c.getName() + (ok ? " implements" : " implements no")
                        + " *" + suffix));
            }
        };
    }

    static DescribedPredicate<JavaClass> inPackage(String pattern) {
        return JavaClass.Predicates.resideInAPackage(pattern);
    }
}
