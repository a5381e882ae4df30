package io.kairos.sample.order.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.kairos.sample.order.orders.OrderRepository;
import io.kairos.sample.order.payments.PaymentProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payment reconciliation reads the last day's paid orders page by page, newest payment first, and stops at its
 * limit. On the app's schema in H2, with small pages and limit.
 */
class PaymentReconciliationPagingTests {

    private final Instant now = Instant.now();

    private final List<Long> asked = new ArrayList<>();

    private final PaymentProvider provider = new PaymentProvider(0) {
        @Override
        public Set<Long> settled(List<Long> orderIds) {
            PaymentReconciliationPagingTests.this.asked.addAll(orderIds);
            return Set.copyOf(orderIds.subList(1, orderIds.size()));
        }
    };

    private OrderRepository orders;

    private SingleConnectionDataSource dataSource;

    @AfterEach
    void closeDatabase() {
        this.dataSource.destroy();
    }

    @BeforeEach
    void createTables() {
        // one connection for the whole test, as the app's pool keeps them open
        SingleConnectionDataSource h2 = new SingleConnectionDataSource("jdbc:h2:mem:reconciliation-" + UUID.randomUUID(), true);
        new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(h2);
        this.dataSource = h2;
        this.orders = new OrderRepository(JdbcClient.create(h2), h2);
    }

    /** Inserts an order paid {@code ago} before now (at the same instant for the same duration). */
    private void paid(long id, Duration ago) {
        this.orders.insertUnpaid(id, this.now.minus(Duration.ofDays(3)), this.now.plus(Duration.ofDays(1)));
        this.orders.markPaid(id, this.now.minus(ago));
    }

    @Test
    void everyOrderPaidInTheLastDayIsCheckedNewestFirstAcrossPages() {
        paid(1, Duration.ofHours(2));
        paid(2, Duration.ofHours(1));
        paid(3, Duration.ofHours(1));     // paid at the same time as 2: a page may end between them
        paid(4, Duration.ofHours(30));    // before the last day
        paid(5, Duration.ofMinutes(5));
        paid(6, Duration.ofHours(3));
        paid(7, Duration.ofMinutes(1));
        this.orders.insertUnpaid(8, this.now, this.now.plus(Duration.ofMinutes(30)));

        Map<String, Object> result = new PaymentReconciliationJob(this.orders, this.provider, 3, 100).reconcile();

        // pages [7, 5, 3], [2, 1, 6], []; the provider settles all but the first order of each call
        assertThat(this.asked).containsExactly(7L, 5L, 3L, 2L, 1L, 6L);
        assertThat(result).containsEntry("checked", 6).containsEntry("unsettled", List.of(7L, 2L));
    }

    @Test
    void aRunStopsAtItsLimitHavingCheckedTheNewestPayments() {
        for (long id = 1; id <= 7; id++) {
            paid(id, Duration.ofMinutes(10 - id));
        }

        Map<String, Object> result = new PaymentReconciliationJob(this.orders, this.provider, 3, 5).reconcile();

        assertThat(this.asked).containsExactly(7L, 6L, 5L, 4L, 3L);
        assertThat(result).containsEntry("checked", 5);
    }
}
