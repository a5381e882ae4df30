package io.kairos.scheduler.boot.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.kairos.scheduler.architecture.TopLevelPackages;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Guards the Spring Boot module's layout: it uses only the core's public API, never the engine in
 * {@code io.kairos.scheduler.internal}, and its packages do not form cycles.
 */
class BootLayoutTests {

    private static final String ROOT = "io.kairos.scheduler.boot";

    private final JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);

    @Test
    void bootUsesOnlyTheCorePublicApi() {
        noClasses().that().resideInAPackage("io.kairos.scheduler.boot..")
            .should().dependOnClassesThat().resideInAPackage("io.kairos.scheduler.internal..")
            .check(this.classes);
    }

    @Test
    void packagesHaveNoCycles() {
        // one slice per top-level package of boot (a package with its subpackages), boot itself one of them
        slices().assignedFrom(new TopLevelPackages(ROOT, "boot")).should().beFreeOfCycles().check(this.classes);
    }
}
