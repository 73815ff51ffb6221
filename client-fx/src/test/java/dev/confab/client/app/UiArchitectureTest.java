package dev.confab.client.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.confab.client", importOptions = ImportOption.DoNotIncludeTests.class)
class UiArchitectureTest {

    @ArchTest
    static final ArchRule onlyEmbeddedServerKnowsTheServer = noClasses()
            .that().resideInAPackage("dev.confab.client..")
            .and().doNotHaveFullyQualifiedName("dev.confab.client.app.EmbeddedServer")
            .should().dependOnClassesThat().resideInAPackage("dev.confab.server..")
            .because("the app may host a server in its own process, but only through EmbeddedServer: the rest of"
                    + " the client talks to any server over the wire protocol alone");

    @ArchTest
    static final ArchRule viewModelsHaveNoScene = noClasses()
            .that().resideInAPackage("dev.confab.client.ui..")
            .and().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
            .because("view models hold the UI logic and are tested without a window (STYLE.md 13, 14)");

    @ArchTest
    static final ArchRule uiDoesNotKnowTheApp = noClasses()
            .that().resideInAPackage("dev.confab.client.ui..")
            .should().dependOnClassesThat().resideInAPackage("dev.confab.client.app..")
            .because("the app package is the composition root: it wires the ui, never the other way round");

    @ArchTest
    static final ArchRule uiReachesTheEngineOnlyThroughTheGateway = noClasses()
            .that().resideInAPackage("dev.confab.client.ui..")
            .should().dependOnClassesThat().haveFullyQualifiedName("dev.confab.client.net.ChatClient")
            .because("view models talk to the engine through ChatGateway, so they are tested against a fake");
}
