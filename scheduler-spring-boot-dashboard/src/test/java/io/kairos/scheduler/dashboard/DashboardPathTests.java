package io.kairos.scheduler.dashboard;

import io.kairos.scheduler.boot.KairosConfigurationException;
import io.kairos.scheduler.boot.autoconfigure.KairosProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code kairos.dashboard.path} is checked before it becomes a request mapping.
 */
class DashboardPathTests {

    @Test
    void takesPathsOfSegmentsAndRefusesOthersNamingTheProperty() {
        assertThat(KairosDashboardAutoConfiguration.path(properties("/kairos"))).isEqualTo("/kairos");
        assertThat(KairosDashboardAutoConfiguration.path(properties("/ops/jobs-2.v~1"))).isEqualTo("/ops/jobs-2.v~1");
        for (String bad : new String[] { "kairos", "/kairos/", "/", "/a b", "/a/../b?x", "/${x}", "" }) {
            assertThatThrownBy(() -> KairosDashboardAutoConfiguration.path(properties(bad))).as(bad)
                .isInstanceOf(KairosConfigurationException.class)
                .hasMessage("Invalid Kairos configuration: property 'kairos.dashboard.path' (value '" + bad + "') is not a "
                        + "path. Give '/' followed by segments of letters, digits, '.', '_', '~' or '-', without a trailing "
                        + "'/', e.g. '/kairos' (the default) or '/ops/jobs'");
        }
    }

    @Test
    void refusesAPathAtUnderOrAboveTheActuatorBasePathNamingBothProperties() {
        String[][] overlapping = { { "/actuator", "/actuator", "is the actuator's base path" },
            { "/actuator", "/actuator/", "is the actuator's base path" },
            { "/actuator/kairos", "/actuator", "is under the actuator's base path" },
            { "/ops", "/ops/manage", "holds the actuator's base path" },
            { "/manage", "manage", "is the actuator's base path" } };
        for (String[] pair : overlapping) {
            assertThatThrownBy(() -> KairosDashboardAutoConfiguration.checkApartFromActuator(pair[0], pair[1]))
                .as(pair[0] + " with base path " + pair[1])
                .isInstanceOf(KairosConfigurationException.class)
                .hasMessageContaining("property 'kairos.dashboard.path' (value '" + pair[0] + "') " + pair[2])
                .hasMessageContaining("management.endpoints.web.base-path = '" + pair[1] + "'")
                .hasMessageContaining("share URLs");
        }
        String[][] apart = { { "/kairos", "/actuator" }, { "/actuators", "/actuator" }, { "/act", "/actuator" },
            { "/kairos", "" }, { "/kairos", "/" }, { "/ops/kairos", "/ops/manage" } };
        for (String[] pair : apart) {
            KairosDashboardAutoConfiguration.checkApartFromActuator(pair[0], pair[1]);
        }
    }

    private static KairosProperties properties(String path) {
        KairosProperties properties = new KairosProperties();
        properties.getDashboard().setPath(path);
        return properties;
    }
}
