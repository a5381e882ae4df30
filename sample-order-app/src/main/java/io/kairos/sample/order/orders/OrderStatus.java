package io.kairos.sample.order.orders;

/** Where an order is in its life: it starts {@link #UNPAID} and ends {@link #PAID} or {@link #CANCELLED}. */
public enum OrderStatus {

    /** Placed, stock reserved, waiting for payment until its cancel time. */
    UNPAID,

    /** Paid in time; its timeout job was removed. */
    PAID,

    /** Not paid in time: the timeout job cancelled it and gave its stock and sales back. */
    CANCELLED
}
