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
    static final String PORT_IN = BASE + ".port.in..";
    static final String PORT_OUT = BASE + ".port.out..";
    static final String APPLICATION = BASE + ".application..";
    static final String ADAPTER = BASE + ".adapter..";
    static final String HTTP = BASE + ".adapter.http..";
    static final String STORAGE = BASE + ".adapter.storage..";
    static final String LOCAL = BASE + ".adapter.storage.local..";
    static final String S3 = BASE + ".adapter.storage.s3..";
    static final String SIMULATOR = BASE + ".simulator..";
    static final String APP = BASE + ".app..";
    static final String CLI = BASE + ".app.cli..";

    /** Every package a rule names; each must hold production classes. */
    static final List<String> NAMED_PACKAGES = List.of(DOMAIN, PORT_IN, PORT_OUT, APPLICATION, HTTP, STORAGE, LOCAL,
            S3, SIMULATOR, APP, CLI);

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

    /** 3a. The HTTP adapter and the stores do not know each other. */
    static final ArchRule HTTP_AND_STORAGE_INDEPENDENT = noClasses().that().resideInAPackage(HTTP)
            .should().dependOnClassesThat().resideInAPackage(STORAGE)
            .because("no adapter imports another adapter");

    /** 3b. The stores do not know the HTTP adapter. */
    static final ArchRule STORAGE_AND_HTTP_INDEPENDENT = noClasses().that().resideInAPackage(STORAGE)
            .should().dependOnClassesThat().resideInAPackage(HTTP)
            .because("no adapter imports another adapter");

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

    /** 4b. Nothing but the app depends on the app. */
    static final ArchRule ONLY_APP_USES_APP = noClasses().that().resideOutsideOfPackage(APP)
            .should().dependOnClassesThat().resideInAPackage(APP)
            .because("the composition root is the outermost layer");

    /** 5a. Use cases do not know driven ports. */
    static final ArchRule PORT_IN_INDEPENDENT = noClasses().that().resideInAPackage(PORT_IN)
            .should().dependOnClassesThat().resideInAPackage(PORT_OUT)
            .because("in-ports and out-ports are two sides of the core");

    /** 5b. Driven ports do not know use cases. */
    static final ArchRule PORT_OUT_INDEPENDENT = noClasses().that().resideInAPackage(PORT_OUT)
            .should().dependOnClassesThat().resideInAPackage(PORT_IN)
            .because("in-ports and out-ports are two sides of the core");

    /** 6a. Use cases are interfaces in port.in. */
    static final ArchRule USE_CASES_ARE_IN_PORTS = classes().that().haveSimpleNameEndingWith("UseCase")
            .should().beInterfaces().andShould().resideInAPackage(PORT_IN);

    /** 6b. Driven ports are interfaces in port.out. */
    static final ArchRule PORTS_ARE_OUT_PORTS = classes().that().haveSimpleNameEndingWith("Port")
            .should().beInterfaces().andShould().resideInAPackage(PORT_OUT);

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

    /** 11. The simulator stays embeddable: JDK, the domain's rules and (for its extension) JUnit's API only. */
    static final ArchRule SIMULATOR_IS_LIGHT = classes().that().resideInAPackage(SIMULATOR)
            .should().onlyDependOnClassesThat().resideInAnyPackage(SIMULATOR, DOMAIN, "java..", "javax.crypto..",
                    "com.sun.net.httpserver..", "org.junit.jupiter.api.extension..")
            .because("hosts embed it in their own tests without our adapters");

    /** All rules, for the production check. */
    static final List<ArchRule> ALL = List.of(DOMAIN_IS_PURE, CORE_IS_PURE, HTTP_AND_STORAGE_INDEPENDENT,
            STORAGE_AND_HTTP_INDEPENDENT, LOCAL_INDEPENDENT_OF_S3, S3_INDEPENDENT_OF_LOCAL, ADAPTERS_USE_PORTS_ONLY,
            ONLY_APP_USES_APP, PORT_IN_INDEPENDENT, PORT_OUT_INDEPENDENT, USE_CASES_ARE_IN_PORTS, PORTS_ARE_OUT_PORTS,
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
