package org.diplomap.neo4jlocal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs an embedded Neo4j Community DBMS with only its Bolt connector, for Diplomap's tests and
 * local development.
 *
 * <pre>
 * java -cp 'target/neo4j-local.jar:target/lib/*' org.diplomap.neo4jlocal.Launcher HOME_DIR PORT [PLUGINS_DIR] [key=value ...]
 * </pre>
 *
 * HOME_DIR is the Neo4j home directory (databases, transaction logs and Neo4j's own logs go under
 * it); PORT is the Bolt port on 127.0.0.1. PLUGINS_DIR (optional, "-" for none) is scanned for
 * procedure jars such as APOC. Any further key=value arguments are passed as raw Neo4j settings
 * and override the defaults below; the effective settings are written to HOME_DIR/neo4j-local.conf.
 *
 * Authentication is disabled: the connector binds to the loopback interface only.
 * Prints "READY bolt://127.0.0.1:PORT" on stdout once the default database is available, and
 * runs until the process is terminated; a shutdown hook shuts the DBMS down cleanly.
 */
public final class Launcher {

    private static final String HOST = "127.0.0.1";

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Launcher HOME_DIR PORT [PLUGINS_DIR|-] [key=value ...]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath().normalize();
        int port = Integer.parseInt(args[1]);
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("bad port: " + port);
        }
        Path plugins = null;
        if (args.length >= 3 && !"-".equals(args[2]) && !args[2].contains("=")) {
            plugins = Path.of(args[2]).toAbsolutePath().normalize();
        }
        Files.createDirectories(home);

        Map<String, String> conf = new LinkedHashMap<>();
        // Bolt on loopback only; no HTTP(S) endpoints.
        conf.put("server.bolt.enabled", "true");
        conf.put("server.bolt.listen_address", HOST + ":" + port);
        conf.put("server.bolt.advertised_address", HOST + ":" + port);
        conf.put("server.bolt.tls_level", "DISABLED");
        conf.put("server.http.enabled", "false");
        conf.put("server.https.enabled", "false");
        conf.put("server.default_listen_address", HOST);
        // Local development / tests only: no authentication (loopback only, see above).
        conf.put("dbms.security.auth_enabled", "false");
        // Modest memory. Every transaction ends within 120 s whatever its client asked (the
        // console sets a shorter timeout per query; this is the server's own ceiling).
        conf.put("server.memory.pagecache.size", "256m");
        conf.put("db.transaction.timeout", "120s");
        conf.put("dbms.usage_report.enabled", "false");
        // Faster shutdown: Bolt waits 5 s for its worker threads by default (an internal setting of
        // the pinned 5.26 line; unknown settings fail start-up, so revisit it when upgrading).
        conf.put("internal.server.bolt.thread_pool_shutdown_wait_time", "1s");
        if (plugins != null && Files.isDirectory(plugins)) {
            conf.put("server.directories.plugins", plugins.toString());
            conf.put("dbms.security.procedures.unrestricted", "apoc.*");
            conf.put("dbms.security.procedures.allowlist", "apoc.*,db.*,dbms.*,tx.*,gds.*");
        }
        for (int i = 2; i < args.length; i++) {
            String a = args[i];
            int eq = a.indexOf('=');
            if (eq > 0) {
                conf.put(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
            }
        }

        // The embedded builder takes raw settings only from a properties file: write one (rewritten
        // on every start, so it always reflects the current defaults and arguments).
        StringBuilder text = new StringBuilder("# Written by org.diplomap.neo4jlocal.Launcher on every start.\n");
        conf.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Path confFile = home.resolve("neo4j-local.conf");
        Files.writeString(confFile, text.toString(), StandardCharsets.UTF_8);

        long t0 = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .loadPropertiesFromFile(confFile)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("STOPPING");
            System.out.flush();
            try {
                dbms.shutdown();
            } catch (Throwable t) {
                t.printStackTrace();
            } finally {
                System.out.println("STOPPED");
                System.out.flush();
                stopped.countDown();
            }
        }, "neo4j-local-shutdown"));

        GraphDatabaseService db = dbms.database("neo4j");
        if (!db.isAvailable(TimeUnit.MINUTES.toMillis(2))) {
            System.err.println("database 'neo4j' did not become available");
            System.exit(1);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.println("started in " + ms + " ms, home " + home
                + (plugins != null ? ", plugins " + plugins : ""));
        System.out.println("READY bolt://" + HOST + ":" + port);
        System.out.flush();

        stopped.await();
    }
}
