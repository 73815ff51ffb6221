package dev.confab.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.confab.client", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule engineAndStoreImportNoJavaFx = noClasses()
            .that().resideInAnyPackage("dev.confab.client.net..", "dev.confab.client.store..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("the connection engine and local store run headless in tests and in the benchmark;"
                    + " only the ui package may touch JavaFX, entered through the injected callback executor");

    @ArchTest
    static final ArchRule storeDoesNotKnowTheNetwork = noClasses()
            .that().resideInAPackage("dev.confab.client.store..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.confab.client.net..", "org.glassfish..",
                    "jakarta.websocket..", "java.net.http..")
            .because("the store persists what the engine decides; it must not reach the network itself");

    @ArchTest
    static final ArchRule onlyTheWebSocketLinkUsesTyrus = noClasses()
            .that().resideInAPackage("dev.confab.client..")
            .and().haveSimpleNameNotStartingWith("WebSocket")
            .should().dependOnClassesThat().resideInAnyPackage("org.glassfish..", "jakarta.websocket..")
            .because("one class per transport: Tyrus stays behind the WebSocket transport so it can be swapped");

    @ArchTest
    static final ArchRule clientNeverDependsOnTheServer = noClasses()
            .that().resideInAPackage("dev.confab.client..")
            .and().doNotHaveFullyQualifiedName("dev.confab.client.app.EmbeddedServer")
            .should().dependOnClassesThat().resideInAPackage("dev.confab.server..")
            .because("the client reaches the server only over the wire; the one exception is EmbeddedServer, which"
                    + " hosts it in-process for 'host a server on this computer' (ADR 0011)");
}
