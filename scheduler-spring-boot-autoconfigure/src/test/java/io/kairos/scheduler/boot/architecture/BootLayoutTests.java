package io.kairos.scheduler.boot.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Guards the Spring Boot module's layout: it uses only the core's public API, never the engine in
 * {@code io.kairos.scheduler.internal}.
 */
class BootLayoutTests {

    private final JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.kairos.scheduler.boot");

    @Test
    void bootUsesOnlyTheCorePublicApi() {
        noClasses().that().resideInAPackage("io.kairos.scheduler.boot..")
            .should().dependOnClassesThat().resideInAPackage("io.kairos.scheduler.internal..")
            .check(this.classes);
    }
}
