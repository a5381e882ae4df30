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

    private static KairosProperties properties(String path) {
        KairosProperties properties = new KairosProperties();
        properties.getDashboard().setPath(path);
        return properties;
    }
}
