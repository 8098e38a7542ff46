package dev.hexatask.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.Set;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The shape of the hexagon: the core depends on nothing outside it, and nothing depends in a circle. */
@AnalyzeClasses(packages = "dev.hexatask", importOptions = ImportOption.DoNotIncludeTests.class)
class HexagonRulesTest {

    /**
     * Dagger writes factories for the core's {@code @Inject} constructors into the core's packages, but inside the
     * composition roots' jars: they belong to the roots, not to the core.
     */
    private static final String DAGGER_GENERATED = "dagger.internal.DaggerGenerated";

    @ArchTest
    static final ArchRule domainDependsOnTheJdkOnly = classes()
            .that().resideInAPackage("dev.hexatask.domain..")
            .and().areNotAnnotatedWith(DAGGER_GENERATED)
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.hexatask.domain..", "java..")
            .because("the domain is plain Java that any adapter, test or library user can run as it is");

    @ArchTest
    static final ArchRule applicationDependsOnTheDomainAndJakartaInjectOnly = classes()
            .that().resideInAPackage("dev.hexatask.application..")
            .and().areNotAnnotatedWith(DAGGER_GENERATED)
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "dev.hexatask.application..", "dev.hexatask.domain..", "jakarta.inject..", "java..",
                    "javax.crypto..")
            .because("use cases speak only the domain's language; adapters plug into their ports");

    @ArchTest
    static final ArchRule portsAreInterfacesOrValues = classes()
            .that().resideInAPackage("dev.hexatask.application.port..")
            .should().beInterfaces().orShould().beRecords().orShould().beEnums()
            .orShould().beAssignableTo(RuntimeException.class)
            .because("ports describe what the core needs and offers; behaviour lives in services and adapters");

    /**
     * The outbound ports no service calls: contracts between two adapters that the core states (see
     * {@code application.port.out}'s package documentation), and the failure storage ports throw.
     */
    private static final Set<String> ADAPTER_CONTRACTS = Set.of("Authenticator", "AuthenticatedUser",
            "AuthenticationResult", "DatabaseCredentials", "StorageUnavailableException");

    @ArchTest
    static final ArchRule servicesDoNotCallTheAdapterContracts = noClasses()
            .that().resideInAPackage("dev.hexatask.application.service..")
            .should().dependOnClassesThat(adapterContract())
            .because("who is calling and how the store signs in are decided by adapters before and under a use case");

    @ArchTest
    static final ArchRule everyOtherOutboundPortIsCalledByAService = classes()
            .that().resideInAPackage("dev.hexatask.application.port.out")
            .and().areTopLevelClasses()
            .and(DescribedPredicate.not(adapterContract()))
            .and().doNotHaveSimpleName("package-info")
            .should(new ArchCondition<JavaClass>("be used by a service") {
                @Override
                public void check(JavaClass port, ConditionEvents events) {
                    boolean used = port.getDirectDependenciesToSelf().stream().anyMatch(dependency -> dependency
                            .getOriginClass().getPackageName().startsWith("dev.hexatask.application.service"));
                    if (!used) {
                        events.add(SimpleConditionEvent.violated(port, port.getName() + " is an outbound port no "
                                + "service uses: use it, or name it among the adapter contracts with its reason"));
                    }
                }
            });

    private static DescribedPredicate<JavaClass> adapterContract() {
        return DescribedPredicate.describe("an adapter contract of application.port.out", javaClass ->
                javaClass.getPackageName().equals("dev.hexatask.application.port.out")
                        && ADAPTER_CONTRACTS.contains(topLevel(javaClass).getSimpleName()));
    }

    private static JavaClass topLevel(JavaClass javaClass) {
        JavaClass outer = javaClass;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    @ArchTest
    static final ArchRule noCyclesBetweenModules = slices().matching("dev.hexatask.(*)..").should().beFreeOfCycles();

    /** jOOQ's generated classes refer to each other by design (schema, tables, records); they are one unit. */
    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("dev.hexatask.(**)").should().beFreeOfCycles()
            .ignoreDependency(resideInAPackage("dev.hexatask.persistence.jooq.."),
                    resideInAPackage("dev.hexatask.persistence.jooq.."));

    /**
     * Command-line tools for developers (in a {@code local} package) print, and a server's {@code Main} prints the
     * one line that says why it cannot start; nothing else does: it logs.
     */
    @ArchTest
    static final ArchRule noStandardStreams = noClasses().that().resideOutsideOfPackage("dev.hexatask..local..")
            .and().doNotHaveSimpleName("Main")
            .should(ACCESS_STANDARD_STREAMS);

    @ArchTest
    static final ArchRule noJavaUtilLogging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    @ArchTest
    static final ArchRule noGenericExceptions = NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

    @ArchTest
    static final ArchRule noFieldInjection = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
}
