package io.kairos.scheduler.boot.autoconfigure;

import java.util.List;

import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.task.AllowedPackages;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;

/**
 * The packages whose code task names may reach: {@code kairos.tasks.allowed-packages} when set, else Spring Boot's
 * auto-configuration packages (the package of the {@code @SpringBootApplication} class), else none. The same value
 * serves the bean-method resolver and the engine's registry (static methods, classes, process-pool workers).
 * Stateless.
 */
final class AllowedTaskPackages {

    static final String PROPERTY = "kairos.tasks.allowed-packages";

    private AllowedTaskPackages() {
    }

    /**
     * The allowed packages.
     *
     * @param properties the bound properties
     * @param beanFactory where {@link AutoConfigurationPackages} are registered
     * @return the packages; {@link AllowedPackages#NONE} when the property is an empty list, or when it is unset and
     *     the application registered no auto-configuration package (or only the default package, which is never
     *     allowed)
     * @throws KairosConfigurationException when an entry of the property is not a package name
     */
    static AllowedPackages of(KairosProperties properties, BeanFactory beanFactory) {
        List<String> configured = properties.getTasks().getAllowedPackages();
        if (configured != null) {
            try {
                return AllowedPackages.of(configured);
            }
            catch (IllegalArgumentException ex) {
                throw new KairosConfigurationException(PROPERTY, configured, "is not a list of package names: "
                        + ex.getMessage(), "Give Java package names such as 'com.acme' (sub-packages are included)", ex);
            }
        }
        if (!AutoConfigurationPackages.has(beanFactory)) {
            return AllowedPackages.NONE;
        }
        return AllowedPackages.of(AutoConfigurationPackages.get(beanFactory).stream().filter((name) -> !name.isEmpty()).toList());
    }
}
