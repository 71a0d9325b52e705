package nl.marketplace.reviews.db;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.pgclient.PgConnectOptions;

/**
 * Connect options as the datasource's reactive pool has them (its user and password, statement
 * cache and layer-7 proxy mode: README, "Connections through a pooler"), for the service's other
 * pooled clients: the replica's pool ({@link Replica}) and the pipelined client ({@link PipelinedReads}).
 */
@ApplicationScoped
public class PoolConnectOptions {

    private final Optional<String> datasourceUrl;
    private final Optional<String> user;
    private final Optional<String> password;
    private final boolean cachePrepared;
    private final boolean layer7Proxy;

    public PoolConnectOptions(@ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> datasourceUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "quarkus.datasource.reactive.cache-prepared-statements", defaultValue = "false") boolean cachePrepared,
            @ConfigProperty(name = "quarkus.datasource.reactive.postgresql.use-layer7-proxy", defaultValue = "false") boolean layer7Proxy) {
        this.datasourceUrl = datasourceUrl;
        this.user = user;
        this.password = password;
        this.cachePrepared = cachePrepared;
        this.layer7Proxy = layer7Proxy;
    }

    /** The datasource's reactive URL, if set. */
    Optional<String> datasourceUrl() {
        return datasourceUrl;
    }

    /** Options for this URL, with the datasource's user and password (when the URL names none), statement cache and proxy mode. */
    PgConnectOptions of(String url) {
        return DatabaseSettings.options(url, user, password).setCachePreparedStatements(cachePrepared).setUseLayer7Proxy(layer7Proxy);
    }
}
