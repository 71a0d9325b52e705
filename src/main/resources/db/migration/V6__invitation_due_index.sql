-- The invitation job reads the due orders in (expected delivery date, id) order, batch after batch
-- from where the last one ended.
CREATE INDEX customer_order_due ON customer_order (expected_delivery_date, id) WHERE review_opt_in;
DROP INDEX customer_order_delivery;
