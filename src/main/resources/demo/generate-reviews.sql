-- Deterministic review data: defines pg_temp.generate_reviews(partners, reviews_per_partner, anchor, label).
-- Used by the demo data (DemoData.java) and by the benchmark generator (bench/generate.sh), so both
-- make data of one shape. Every value comes from a hash of the review's ordinal, so the same call
-- makes the same data; creation times are spread over the 450 days before "anchor".
-- About 5% of the reviews are revised (only non-positive ones) and about 30% have a reply.
CREATE OR REPLACE FUNCTION pg_temp.generate_reviews(partner_count int, reviews_per_partner int,
                                                    anchor timestamptz, label text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    CREATE TEMP TABLE gen_partner ON COMMIT DROP AS
    WITH ins AS (
        INSERT INTO partner (name)
        SELECT label || ' ' || g FROM generate_series(1, partner_count) g
        RETURNING id)
    SELECT row_number() OVER (ORDER BY id) AS ord, id FROM ins;

    CREATE TEMP TABLE gen_review ON COMMIT DROP AS
    SELECT p.id AS partner_id,
           label || '-' || g.n AS order_number,
           g.n,
           g.h1, g.h2, g.h3,
           anchor - make_interval(secs => (g.h1 % (450 * 86400))) AS created_at,
           (ARRAY[10, 10, 9, 9, 9, 8, 8, 8, 8, 7, 7, 6, 5, 4, 3, 2, 1, 9, 10, 8])[1 + g.h2 % 20] AS original
    FROM gen_partner p
    CROSS JOIN LATERAL (
        SELECT n, abs(hashint8(n * 7919)) AS h1, abs(hashint8(n * 104729 + 1)) AS h2, abs(hashint8(n * 1299709 + 2)) AS h3
        FROM generate_series((p.ord - 1) * reviews_per_partner + 1, p.ord * reviews_per_partner) AS n) g;

    INSERT INTO customer_order (order_number, partner_id, customer_id, customer_first_name, customer_city,
                                customer_email, review_opt_in, expected_delivery_date, created_at)
    SELECT order_number, partner_id, 'C' || n,
           (ARRAY['Jenny', 'Sanne', 'Daan', 'Lotte', 'Bram', 'Emma', 'Lucas', 'Noor', 'Sem', 'Julia'])[1 + h3 % 10],
           (ARRAY['Enschede', 'Utrecht', 'Zwolle', 'Breda', 'Groningen', 'Leiden', 'Delft', 'Tilburg', 'Arnhem', 'Haarlem'])[1 + (h3 / 10) % 10],
           'customer' || n || '@example.com', true,
           (created_at - interval '5 days')::date, created_at - interval '8 days'
    FROM gen_review;

    -- Revised reviews (h3 % 9 = 0 among the non-positive ones) count with their new score.
    INSERT INTO review (partner_id, order_id, overall, original_overall, delivery_time, product_information,
                        delivery, contact, pros, cons, anonymous, author_name, created_at)
    SELECT g.partner_id, o.id,
           CASE WHEN g.original <= 7 AND g.h3 % 9 = 0 THEN 6 + g.h1 % 5 ELSE g.original END,
           g.original,
           CASE WHEN g.h2 % 7 <> 0 THEN 1 + (g.original + g.h1 % 3) % 10 END,
           CASE WHEN g.h2 % 5 <> 0 THEN greatest(1, least(10, g.original + (g.h3 % 3) - 1)) END,
           CASE WHEN g.h2 % 3 <> 0 THEN greatest(1, least(10, g.original + (g.h1 % 4) - 2)) END,
           CASE WHEN g.h1 % 4 = 0 THEN greatest(1, least(10, g.original + (g.h2 % 3) - 1)) END,
           CASE WHEN g.h1 % 3 <> 0 THEN (ARRAY['Snel geleverd', 'Goed verpakt', 'Precies zoals beschreven', 'Vriendelijk contact'])[1 + g.h2 % 4] END,
           CASE WHEN g.original <= 7 THEN (ARRAY['Te laat bezorgd', 'Verpakking beschadigd', 'In delen geleverd', 'Geen reactie op mail'])[1 + g.h3 % 4] END,
           g.h1 % 5 = 0,
           CASE WHEN g.h1 % 5 = 0 THEN 'Anoniem' ELSE o.customer_first_name || ' uit ' || o.customer_city END,
           g.created_at
    FROM gen_review g JOIN customer_order o ON o.order_number = g.order_number;

    INSERT INTO revision (review_id, overall, previous_overall, comment, created_at)
    SELECT r.id, r.overall, r.original_overall,
           CASE WHEN g.h1 % 2 = 0 THEN 'Is intussen goed opgelost en uitgelegd' END,
           g.created_at + interval '3 days'
    FROM gen_review g
    JOIN customer_order o ON o.order_number = g.order_number
    JOIN review r ON r.order_id = o.id
    WHERE g.original <= 7 AND g.h3 % 9 = 0;

    INSERT INTO reply (review_id, text, created_at, updated_at)
    SELECT r.id,
           (ARRAY['Bedankt voor je beoordeling!', 'Wat vervelend, we nemen contact met je op.', 'Fijn dat je tevreden bent.'])[1 + g.h2 % 3],
           g.created_at + interval '1 day',
           g.created_at + CASE WHEN g.h1 % 4 = 0 THEN interval '2 days' ELSE interval '1 day' END
    FROM gen_review g
    JOIN customer_order o ON o.order_number = g.order_number
    JOIN review r ON r.order_id = o.id
    WHERE (g.h3 / 100) % 10 < 3;

    DROP TABLE gen_review;
    DROP TABLE gen_partner;
END $$;
