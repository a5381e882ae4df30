package io.kairos.sample.order;

import io.kairos.scheduler.Scheduler;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.boot.task.BeanMethodTaskResolver;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** INTERIM until the starter's auto-configuration lands: an engine with the memory store and bean-method tasks. */
@TestConfiguration(proxyBeanMethods = false)
class InterimKairosConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    Scheduler kairosEngine(ListableBeanFactory beans) {
        return Scheduler.builder().taskResolver(new BeanMethodTaskResolver(beans, JsonMapper.builder().build()))
                .schedulerId("interim").build();
    }

    @Bean
    JobScheduler jobScheduler(Scheduler engine) {
        return new JobScheduler(engine);
    }
}
