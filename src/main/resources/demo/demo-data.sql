-- Demo data: the two reviews of the seed page (shared/seeds/004) and recent generated reviews, so
-- that every screen has something to show. Loaded once, into an empty database (DemoData.java).
-- "Now" is the service's clock (DemoData sets reviews.now), not the database's, so that tests run
-- at a pinned instant see demo data of that instant.
WITH p AS (INSERT INTO partner (name) VALUES ('Kastenkoning') RETURNING id),
o AS (
    INSERT INTO customer_order (order_number, partner_id, customer_id, customer_first_name, customer_city,
                                customer_email, review_opt_in, expected_delivery_date, created_at)
    SELECT v.order_number, p.id, v.customer_id, v.first_name, v.city, v.email, true, v.expected::date, v.ordered::timestamptz
    FROM p, (VALUES
        ('1344461797', 'C-1001', 'Anna', 'Amsterdam', 'anna@example.com', '2022-03-28', '2022-03-25 10:00+01'),
        ('1344461798', 'C-1002', 'Jenny', 'Enschede', 'jenny@example.com', '2022-04-09', '2022-04-06 11:00+02'),
        ('DEMO-RECENT-1', 'C-1003', 'Daan', 'Utrecht', 'daan@example.com', to_char(current_setting('reviews.now')::timestamptz - interval '20 days', 'YYYY-MM-DD'), (current_setting('reviews.now')::timestamptz - interval '25 days')::text),
        ('DEMO-RECENT-2', 'C-1004', 'Noor', 'Zwolle', 'noor@example.com', to_char(current_setting('reviews.now')::timestamptz - interval '10 days', 'YYYY-MM-DD'), (current_setting('reviews.now')::timestamptz - interval '14 days')::text)
    ) AS v(order_number, customer_id, first_name, city, email, expected, ordered)
    RETURNING id, order_number, partner_id),
r AS (
    INSERT INTO review (partner_id, order_id, overall, original_overall, delivery_time, product_information,
                        delivery, contact, pros, cons, anonymous, author_name, created_at)
    SELECT o.partner_id, o.id, v.overall, v.overall, v.delivery_time, v.product_information, v.delivery, NULL,
           v.pros, v.cons, v.anonymous, v.author_name, v.created::timestamptz
    FROM o JOIN (VALUES
        ('1344461797', 10, 10, 10, 10, NULL, NULL, true, 'Anoniem', '2022-04-02 09:30+02'),
        ('1344461798', 4, 1, 7, 6,
         'Vier kasten besteld zou zaterdag binnen komen maar krijg alles in drie keer verdeeld en verschillende dagen',
         'Belofte nakomen van de site Alles voor 12 uur besteld zaterdag binnen krijgen heb laatste pakket nog steeds niet',
         false, 'Jenny uit Enschede', '2022-04-12 20:15+02'),
        ('DEMO-RECENT-1', 9, 9, 9, 8, 'Snel geleverd', NULL, false, 'Daan uit Utrecht', (current_setting('reviews.now')::timestamptz - interval '15 days')::text),
        ('DEMO-RECENT-2', 10, 10, 9, 10, 'Goed verpakt', NULL, false, 'Noor uit Zwolle', (current_setting('reviews.now')::timestamptz - interval '5 days')::text)
    ) AS v(order_number, overall, delivery_time, product_information, delivery, pros, cons, anonymous, author_name, created)
      ON v.order_number = o.order_number
    RETURNING id, order_id)
-- Jenny's re-review of 15 April 2022: her 4 became an 8.
INSERT INTO revision (review_id, overall, previous_overall, comment, created_at)
SELECT r.id, 8, 4, 'Is intussen goed opgelost en uitgelegd', '2022-04-15 12:00+02'
FROM r JOIN o ON o.id = r.order_id WHERE o.order_number = '1344461798';

UPDATE review SET overall = 8
WHERE order_id = (SELECT id FROM customer_order WHERE order_number = '1344461798');

INSERT INTO reply (review_id, text, created_at, updated_at)
SELECT r.id, 'Wat vervelend dat je kasten in delen kwamen, Jenny. We nemen contact met je op.',
       '2022-04-13 09:00+02', '2022-04-13 09:00+02'
FROM review r JOIN customer_order o ON o.id = r.order_id WHERE o.order_number = '1344461798';

-- Five more partners with 120 reviews each over the last 15 months.
SELECT pg_temp.generate_reviews(5, 120, current_setting('reviews.now')::timestamptz, 'Demo partner');
