package dev.hexatask.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Adapters plug into the core's ports and know nothing of each other; only the composition roots (the Lambda and
 * Javalin transports) see several adapters at once.
 */
@AnalyzeClasses(packages = "dev.hexatask", importOptions = ImportOption.DoNotIncludeTests.class)
class AdapterRulesTest {

    @ArchTest
    static final ArchRule secretsKnowsNoOtherAdapter = noClasses()
            .that().resideInAPackage("dev.hexatask.secrets..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.hexatask.persistence..", "dev.hexatask.jwt..", "dev.hexatask.rest..",
                    "dev.hexatask.lambda..", "dev.hexatask.javalin..", "dev.hexatask.infra..");

    @ArchTest
    static final ArchRule restKnowsNoOtherAdapter = noClasses()
            .that().resideInAPackage("dev.hexatask.rest..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.hexatask.persistence..", "dev.hexatask.jwt..", "dev.hexatask.secrets..",
                    "dev.hexatask.lambda..", "dev.hexatask.javalin..", "dev.hexatask.infra..")
            .because("the HTTP contract is transport-neutral and reaches storage and identity through ports only");

    @ArchTest
    static final ArchRule jwtKnowsNoOtherAdapter = noClasses()
            .that().resideInAPackage("dev.hexatask.jwt..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.hexatask.persistence..", "dev.hexatask.rest..", "dev.hexatask.secrets..",
                    "dev.hexatask.lambda..", "dev.hexatask.javalin..", "dev.hexatask.infra..")
            .because("token verification answers the Authenticator port and nothing else");

    @ArchTest
    static final ArchRule persistenceKnowsNoOtherAdapter = noClasses()
            .that().resideInAPackage("dev.hexatask.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.hexatask.jwt..", "dev.hexatask.rest..", "dev.hexatask.secrets..",
                    "dev.hexatask.lambda..", "dev.hexatask.javalin..", "dev.hexatask.infra..")
            .because("storage is reached through the core's ports; credentials come through the port too");

    @ArchTest
    static final ArchRule theLambdaTransportIsAlone = noClasses()
            .that().resideInAPackage("dev.hexatask.lambda..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hexatask.javalin..", "dev.hexatask.infra..")
            .because("each deployable is its own composition root");

    /** The SnapStart hook alone reaches into the JSON layer: it warms it up before the snapshot is taken. */
    @ArchTest
    static final ArchRule theLambdaTransportHoldsNoRouteLogic = noClasses()
            .that().resideInAPackage("dev.hexatask.lambda..")
            .and().doNotHaveSimpleName("SnapStartPriming")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hexatask.rest.handlers..",
                    "dev.hexatask.rest.routing..", "dev.hexatask.rest.json..")
            .because("the transport only translates to and from the one HTTP contract (it may render a problem of "
                    + "its own, for an event it cannot translate)");

    @ArchTest
    static final ArchRule theJavalinServerIsAlone = noClasses()
            .that().resideInAPackage("dev.hexatask.javalin..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hexatask.lambda..", "dev.hexatask.infra..")
            .because("each deployable is its own composition root (it wires adapter-secrets for DB_SECRET_ARN, as "
                    + "the Lambda does)");

    @ArchTest
    static final ArchRule theJavalinServerHoldsNoRouteLogic = noClasses()
            .that().resideInAPackage("dev.hexatask.javalin..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.hexatask.rest.handlers..",
                    "dev.hexatask.rest.routing..", "dev.hexatask.rest.json..")
            .because("the server only translates to and from the one HTTP contract");

    @ArchTest
    static final ArchRule theCoreKnowsNoAdapter = noClasses()
            .that().resideInAnyPackage("dev.hexatask.domain..", "dev.hexatask.application..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.hexatask.secrets..", "dev.hexatask.persistence..", "dev.hexatask.jwt..",
                    "dev.hexatask.rest..", "dev.hexatask.lambda..", "dev.hexatask.javalin..",
                    "dev.hexatask.infra..");
}
