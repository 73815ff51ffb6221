package dev.confab.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.confab.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerArchitectureTest {
    @ArchTest
    static final ArchRule domainIsFreeOfTechnology = noClasses()
            .that().resideInAnyPackage("dev.confab.server.chat..", "dev.confab.server.store")
            .should().dependOnClassesThat().resideInAnyPackage("org.glassfish..", "jakarta.websocket..", "org.h2..",
                    "org.rocksdb..", "java.sql..", "org.flywaydb..", "dev.confab.server.transport..",
                    "dev.confab.server.store.h2..", "dev.confab.server.store.rocksdb..")
            .because("the domain and its ports must survive swapping Tyrus, H2 or RocksDB (DESIGN.md: cluster plan)");

    @ArchTest
    static final ArchRule transportsDoNotTouchStorage = noClasses()
            .that().resideInAPackage("dev.confab.server.transport..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.confab.server.store..", "org.h2..", "org.rocksdb..")
            .because("transports are thin adapters over the one dispatcher; storage is reached through the domain");

    @ArchTest
    static final ArchRule serverNeverDependsOnTheClient = noClasses()
            .that().resideInAPackage("dev.confab.server..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.confab.client..", "javafx..")
            .because("server and client-fx never depend on each other");
}
