package dev.confab.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.confab.protocol", importOptions = ImportOption.DoNotIncludeTests.class)
class ProtocolArchitectureTest {
    @ArchTest
    static final ArchRule protocolHasNoUiOrTransportDependencies = noClasses()
            .that().resideInAPackage("dev.confab.protocol..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.glassfish..", "jakarta.websocket..",
                    "org.rocksdb..", "org.h2..", "dev.confab.server..", "dev.confab.client..")
            .because("the wire types are shared by server, desktop client and benchmark, and must stay portable");
}
