package io.kairos.scheduler.boot.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
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
        slices().assignedFrom(new SliceAssignment() {

            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                if (name.equals(ROOT)) {
                    return SliceIdentifier.of("boot");
                }
                if (name.startsWith(ROOT + ".")) {
                    return SliceIdentifier.of(name.substring(ROOT.length() + 1).split("\\.")[0]);
                }
                return SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "top-level packages of " + ROOT;
            }
        }).should().beFreeOfCycles().check(this.classes);
    }
}
