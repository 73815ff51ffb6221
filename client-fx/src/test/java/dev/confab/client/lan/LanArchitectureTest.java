package dev.confab.client.lan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.confab.client.lan", importOptions = ImportOption.DoNotIncludeTests.class)
class LanArchitectureTest {
    @ArchTest
    static final ArchRule lanIsHeadless = noClasses()
            .that().resideInAPackage("dev.confab.client.lan..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.confab.client.ui..",
                    "dev.confab.client.app..", "dev.confab.server..")
            .because("discovery and certificate pinning are used by the engine, the UI and tests alike;"
                    + " the UI adapts them (ServerFinder) on its side, entering the FX thread through its executor");
}
