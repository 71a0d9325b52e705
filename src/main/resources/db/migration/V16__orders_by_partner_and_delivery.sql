-- The invitation figures (invitation.InvitationFiguresRepository, issue 23) read one partner's orders
-- of a range of expected delivery months: this index finds them without the partner's other orders,
-- and serves every lookup by partner that customer_order_partner did.
CREATE INDEX customer_order_partner_delivery ON customer_order (partner_id, expected_delivery_date);
DROP INDEX customer_order_partner;
