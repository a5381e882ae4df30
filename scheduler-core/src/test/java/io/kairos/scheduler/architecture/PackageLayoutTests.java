package io.kairos.scheduler.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Guards the core's package layout. The root package {@code io.kairos.scheduler} holds the API only, in two layers:
 * the front door ({@code Scheduler}, {@code SchedulerBuilder}, {@code Job}), which drives the engine in
 * {@code io.kairos.scheduler.internal}, and the API's values (requests, options, defaults, states, exceptions), which
 * the engine reads. With those two layers as slices of their own, no packages form a cycle.
 */
class PackageLayoutTests {

    private static final String ROOT = "io.kairos.scheduler";

    private static final Set<String> FRONT_DOOR = Set.of(ROOT + ".Scheduler", ROOT + ".SchedulerBuilder", ROOT + ".Job");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().assignedFrom(new CoreSlices()).should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheFrontDoorDependsOnTheEngine() {
        noClasses().that().resideOutsideOfPackage("io.kairos.scheduler.internal..")
            .and().doNotHaveFullyQualifiedName(ROOT + ".Scheduler")
            .and().doNotHaveFullyQualifiedName(ROOT + ".SchedulerBuilder")
            .and().doNotHaveFullyQualifiedName(ROOT + ".Job")
            .should().dependOnClassesThat().resideInAPackage("io.kairos.scheduler.internal..")
            .check(classes);
    }

    @Test
    void theEngineDoesNotDependOnTheFrontDoor() {
        noClasses().that().resideInAPackage("io.kairos.scheduler.internal..")
            .should().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".Scheduler")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".SchedulerBuilder")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".Job")
            .check(classes);
    }

    @Test
    void theRootPackageHoldsPublicApiOnly() {
        classes().that().resideInAPackage(ROOT).and().areTopLevelClasses().and().doNotHaveSimpleName("package-info")
            .should().bePublic().check(classes);
    }

    @Test
    void configurationHelpersDependOnNothingButInput() {
        noClasses().that().resideInAPackage("io.kairos.scheduler.config..")
            .should().dependOnClassesThat().resideInAnyPackage("io.kairos.scheduler", "io.kairos.scheduler.internal..",
                    "io.kairos.scheduler.executor..", "io.kairos.scheduler.store..", "io.kairos.scheduler.task..",
                    "io.kairos.scheduler.trigger..", "io.kairos.scheduler.event..")
            .check(classes);
    }

    /** The top-level packages of the core, with the root package split into the front door and the API's values. */
    private static final class CoreSlices implements SliceAssignment {

        private final TopLevelPackages packages = new TopLevelPackages(ROOT, "api");

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String topLevel = javaClass.isNestedClass() ? javaClass.getEnclosingClass().orElseThrow().getName() : javaClass.getName();
            if (FRONT_DOOR.contains(topLevel)) {
                return SliceIdentifier.of("front door");
            }
            return this.packages.getIdentifierOf(javaClass);
        }

        @Override
        public String getDescription() {
            return "top-level packages of " + ROOT + ", the front door apart";
        }
    }
}
