package io.kairos.scheduler.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * ArchUnit slices for a package cycle check: one slice per top-level package below a root (a package with its
 * subpackages), the root package itself one more; classes outside the root are ignored. Shared by the core's and
 * the Spring Boot module's layout tests.
 */
public final class TopLevelPackages implements SliceAssignment {

    private final String root;

    private final String rootSlice;

    /**
     * Slices below a root.
     *
     * @param root the root package, e.g. {@code io.kairos.scheduler}
     * @param rootSlice the name of the slice of the root package's own classes
     */
    public TopLevelPackages(String root, String rootSlice) {
        this.root = root;
        this.rootSlice = rootSlice;
    }

    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (name.equals(this.root)) {
            return SliceIdentifier.of(this.rootSlice);
        }
        if (name.startsWith(this.root + ".")) {
            return SliceIdentifier.of(name.substring(this.root.length() + 1).split("\\.")[0]);
        }
        return SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
        return "top-level packages of " + this.root;
    }
}
