package nl.marketplace.reviews.partner;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import nl.marketplace.reviews.db.Db;

@ApplicationScoped
public class PartnerRepository {

    private final Db db;

    public PartnerRepository(Db db) {
        this.db = db;
    }

    /** The first partners by key, at most {@code limit}: the dashboard's dev sign-in picker. */
    public Uni<List<Partner>> first(int limit) {
        return db.query("SELECT id, name, score_version FROM partner ORDER BY id LIMIT $1", Tuple.of(limit))
                .map(rows -> {
                    List<Partner> list = new java.util.ArrayList<>();
                    for (Row row : rows) {
                        list.add(new Partner(row.getLong("id"), row.getString("name"), row.getLong("score_version")));
                    }
                    return list;
                });
    }

    /**
     * The partners with these keys, by key; unknown keys are absent. One statement, with a row per
     * key asked for: an unknown partner's answer changes when it is created (db.ReadVersions).
     */
    public Uni<Map<Long, Partner>> findByKeys(List<Long> keys) {
        return db.query("SELECT k.id AS version_partner, coalesce(p.public_version, -1) AS public_version, p.id, p.name, p.score_version "
                + "FROM unnest($1::bigint[]) AS k(id) LEFT JOIN partner p ON p.id = k.id", Tuple.of(keys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, Partner> byKey = new HashMap<>();
                    for (Row row : rows) {
                        if (row.getLong("id") != null) {
                            byKey.put(row.getLong("id"), new Partner(row.getLong("id"), row.getString("name"), row.getLong("score_version")));
                        }
                    }
                    return byKey;
                });
    }

    /** The public version of each partner (-1: none), for a revalidation (http.HttpCaching); from the replica when the request may use it. */
    public Uni<Map<Long, Long>> publicVersions(List<Long> keys) {
        return db.query("SELECT k.id, coalesce(p.public_version, -1) AS version FROM unnest($1::bigint[]) AS k(id) "
                + "LEFT JOIN partner p ON p.id = k.id", Tuple.of(keys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, Long> versions = new HashMap<>();
                    for (Row row : rows) {
                        versions.put(row.getLong("id"), row.getLong("version"));
                    }
                    return versions;
                });
    }
}
