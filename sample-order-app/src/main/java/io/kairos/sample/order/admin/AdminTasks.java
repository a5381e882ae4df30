package io.kairos.sample.order.admin;

import io.kairos.scheduler.input.InputText;
import java.util.LinkedHashMap;
import java.util.Map;

import io.kairos.sample.order.jobs.OrderStatisticsJob;
import io.kairos.sample.order.jobs.StockSnapshotJob;
import io.kairos.sample.order.web.ApiException;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * The allow-list of tasks that {@code POST /admin/jobs} may schedule, by short name: {@code statistics}
 * ({@value OrderStatisticsJob#TASK}) and {@code stockSnapshot} ({@value StockSnapshotJob#TASK}, only with profile
 * {@code redis}). Unlike the tutorial's {@code func=__name__ + ':' + cmd}, a client can never name an arbitrary
 * method. Thread-safe.
 */
@Component
public class AdminTasks {

    private static final Map<String, String> TASKS = new LinkedHashMap<>();

    static {
        TASKS.put("statistics", OrderStatisticsJob.TASK);
        TASKS.put("stockSnapshot", StockSnapshotJob.TASK);
    }

    private final ListableBeanFactory beans;

    /**
     * Creates the allow-list.
     *
     * @param beans the application's beans, to see which task beans exist under the active profiles
     */
    public AdminTasks(ListableBeanFactory beans) {
        this.beans = beans;
    }

    /**
     * The Kairos task name of an allowed task.
     *
     * @param name the short name, e.g. {@code statistics}
     * @return the task name, e.g. {@code orderStatistics.logCounts}
     * @throws ApiException 400 when the name is missing or not on the list (listing the valid ones), or its bean is
     *     absent under the active profiles
     */
    public String resolve(String name) {
        String task = name != null ? TASKS.get(name) : null;
        if (task == null) {
            throw ApiException.badRequest("task must be one of " + TASKS.keySet() + ", got " + InputText.quote(name));
        }
        String bean = task.substring(0, task.indexOf('.'));
        if (!this.beans.containsBean(bean)) {
            throw ApiException.badRequest("task '" + name + "' is not available: bean '" + bean
                    + "' exists only with profile redis");
        }
        return task;
    }
}
