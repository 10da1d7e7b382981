-- The sample ERP schema: production orders (captured) and confirmations (written by the edge).
-- Quantities are decimals and nullable, as in many real ERPs; the capture refuses what is no
-- valid order (null, negative or fractional quantity) with the reason.
CREATE TABLE production_order (
    order_no      VARCHAR(32)   NOT NULL PRIMARY KEY,
    article       VARCHAR(64)   NOT NULL,
    quantity      DECIMAL(12,3) NULL,
    work_center   VARCHAR(32)   NOT NULL,
    ideal_cycle_s DECIMAL(10,3) NULL,
    due_date      DATE          NULL,
    priority      INT           NOT NULL DEFAULT 0,
    status        VARCHAR(16)   NOT NULL DEFAULT 'RELEASED',
    updated_at    TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
);

-- Insert-only. Quantities are the order's cumulative totals at confirmed_at; the unique source
-- event id makes a replayed confirmation write nothing.
CREATE TABLE production_confirmation (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_no        VARCHAR(32)  NOT NULL,
    machine_id      VARCHAR(32)  NOT NULL,
    confirmed_at    DATETIME(3)  NOT NULL,
    good_qty        BIGINT       NOT NULL,
    scrap_qty       BIGINT       NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    source_event_id VARCHAR(160) NOT NULL,
    UNIQUE KEY uq_confirmation_source (source_event_id),
    KEY ix_confirmation_order (order_no)
);
