-- Tables of the sample shop. Idempotent: runs at every start (spring.sql.init.mode=always) and never drops anything.
-- Works on H2 2.x and PostgreSQL 10+.
CREATE TABLE IF NOT EXISTS sku (
    id     BIGINT        NOT NULL PRIMARY KEY,
    name   VARCHAR(100)  NOT NULL,
    price  DECIMAL(10, 2) NOT NULL,
    stock  INTEGER       NOT NULL CHECK (stock >= 0),
    sales  INTEGER       NOT NULL CHECK (sales >= 0)
);

-- Order ids are taken from a sequence before the order's transaction starts, so the order's timeout job can be
-- stored first (see OrderTimeouts).
CREATE SEQUENCE IF NOT EXISTS order_ids START WITH 1;

CREATE TABLE IF NOT EXISTS orders (
    id           BIGINT                   NOT NULL PRIMARY KEY,
    status       VARCHAR(16)              NOT NULL CHECK (status IN ('UNPAID', 'PAID', 'CANCELLED')),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    cancel_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    paid_at      TIMESTAMP WITH TIME ZONE,
    cancelled_at TIMESTAMP WITH TIME ZONE
);

-- The payment reconciliation pages through the last day's payments, newest first.
CREATE INDEX IF NOT EXISTS orders_paid_at ON orders (paid_at);

CREATE TABLE IF NOT EXISTS order_goods (
    order_id BIGINT         NOT NULL REFERENCES orders (id),
    sku_id   BIGINT         NOT NULL REFERENCES sku (id),
    count    INTEGER        NOT NULL CHECK (count > 0),
    price    DECIMAL(10, 2) NOT NULL,
    PRIMARY KEY (order_id, sku_id)
);
