package io.kairos.scheduler.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Guards the core's package layout: the API packages do not form cycles, and the engine in
 * {@code io.kairos.scheduler.internal} is reached only through the front door in {@code io.kairos.scheduler}.
 */
class PackageLayoutTests {

    private static final String ROOT = "io.kairos.scheduler";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kairos.scheduler");
    }

    @Test
    void packagesHaveNoCycles() {
        // one slice per top-level package (a package with its subpackages), the root package one of them
        slices().assignedFrom(new TopLevelPackages(ROOT, "root")).should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheFrontDoorDependsOnTheEngine() {
        noClasses().that().resideOutsideOfPackages("io.kairos.scheduler", "io.kairos.scheduler.internal..")
            .should().dependOnClassesThat().resideInAPackage("io.kairos.scheduler.internal..")
            .check(classes);
    }

    @Test
    void configurationHelpersDependOnNothingButInput() {
        noClasses().that().resideInAPackage("io.kairos.scheduler.config..")
            .should().dependOnClassesThat().resideInAnyPackage("io.kairos.scheduler", "io.kairos.scheduler.internal..",
                    "io.kairos.scheduler.executor..", "io.kairos.scheduler.store..", "io.kairos.scheduler.task..",
                    "io.kairos.scheduler.trigger..", "io.kairos.scheduler.event..")
            .check(classes);
    }
}
