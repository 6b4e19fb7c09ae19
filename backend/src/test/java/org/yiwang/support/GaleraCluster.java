package org.yiwang.support;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A MariaDB Galera cluster of a test's own on one machine (Debian's {@code mariadb-server} and {@code galera-4}):
 * each node a {@link PrivateMariaDb} with its own data directory, SQL port and Galera ports, never touching the
 * shared server on 3306. The first node bootstraps the cluster; the others join it by a full state transfer
 * (rsync), and a node killed and started again rejoins by an incremental one from the others' write-set cache.
 * <p>
 * The settings are the ones the platform needs on Galera (README, "A Galera cluster"): row-based replication,
 * interleaved auto-increment locks, and {@code wsrep_sync_wait=1} so that a read on one node sees what was
 * committed on another before it (a session made on one application node, read by another).
 */
public final class GaleraCluster implements AutoCloseable {

    private static final String PROVIDER = System.getProperty("yiwang.galera", "/usr/lib/galera/libgalera_smm.so");

    private final List<PrivateMariaDb> nodes;

    private GaleraCluster(List<PrivateMariaDb> nodes) {
        this.nodes = nodes;
    }

    /** Creates {@code size} nodes, bootstraps the first and joins the others; returns when all are synced. */
    public static GaleraCluster start(int size, Path logs) throws IOException, InterruptedException {
        // As root, rsync's state transfer would drop to 'nobody' and could not write the joiner's data directory:
        // the servers run as the account Debian's package made for them.
        String user = "root".equals(System.getProperty("user.name")) ? "mysql" : System.getProperty("user.name");
        int[] sql = new int[size];
        int[] group = new int[size];
        for (int i = 0; i < size; i++) {
            sql[i] = JarNode.freePort();
            group[i] = JarNode.freePort();
        }
        String members = IntStream.of(group).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        List<PrivateMariaDb> nodes = new ArrayList<>();
        GaleraCluster cluster = new GaleraCluster(nodes);
        try {
            for (int i = 0; i < size; i++) {
                nodes.add(PrivateMariaDb.create(logs.resolve("galera-" + (i + 1) + ".log"), sql[i], user, List.of(
                        "--binlog-format=ROW", "--default-storage-engine=InnoDB", "--innodb-autoinc-lock-mode=2",
                        "--wsrep-on=ON", "--wsrep-provider=" + PROVIDER, "--wsrep-cluster-name=yiwang-test",
                        "--wsrep-cluster-address=gcomm://" + members, "--wsrep-node-name=node" + (i + 1),
                        "--wsrep-node-address=127.0.0.1:" + group[i],
                        "--wsrep-provider-options=base_port=" + group[i] + ";ist.recv_addr=127.0.0.1:" + JarNode.freePort()
                                + ";gcache.size=256M",
                        "--wsrep-sst-method=rsync", "--wsrep-sst-receive-address=127.0.0.1:" + JarNode.freePort(),
                        "--wsrep-sync-wait=1")));
            }
            nodes.get(0).start(List.of("--wsrep-new-cluster"));
            // One joiner at a time: each returns once its state transfer is done and it accepts connections.
            for (int i = 1; i < size; i++) {
                nodes.get(i).start();
            }
            for (int i = 0; i < size; i++) {
                cluster.awaitSynced(i, Duration.ofMinutes(5));
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public int size() {
        return nodes.size();
    }

    /** A Connector/J URL that fails over through the nodes in the order given (the first is the one used). */
    public String jdbcUrl(String database, int... order) {
        String hosts = IntStream.of(order).mapToObj(i -> "127.0.0.1:" + nodes.get(i).port).collect(Collectors.joining(","));
        // Without failOverReadOnly=false a connection that failed over would refuse every write.
        return "jdbc:mysql://" + hosts + "/" + database + "?failOverReadOnly=false&connectTimeout=3000";
    }

    public Connection connect(int node, String database) throws SQLException {
        return nodes.get(node).connect(database);
    }

    /** SIGKILL one database node. */
    public void kill(int node) throws InterruptedException {
        nodes.get(node).kill();
    }

    /** Starts a killed node again: it recovers its position and rejoins (incremental state transfer). */
    public void restart(int node) throws IOException, InterruptedException {
        nodes.get(node).start();
        awaitSynced(node, Duration.ofMinutes(5));
    }

    /** Waits until the node says it is synced with the cluster and sees every member. */
    public void awaitSynced(int node, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try (Connection c = connect(node, "mysql"); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT VARIABLE_NAME, VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
                         + "WHERE VARIABLE_NAME IN ('WSREP_LOCAL_STATE_COMMENT', 'WSREP_CLUSTER_SIZE')")) {
                String state = "";
                int members = 0;
                while (r.next()) {
                    if (r.getString(1).equalsIgnoreCase("WSREP_LOCAL_STATE_COMMENT")) {
                        state = r.getString(2);
                    } else {
                        members = Integer.parseInt(r.getString(2));
                    }
                }
                last = state + ", " + members + " members";
                if (state.equals("Synced") && members == nodes.size()) {
                    return;
                }
            } catch (SQLException notYet) {
                last = notYet.getMessage();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Galera node " + (node + 1) + " not synced in time: " + last);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (PrivateMariaDb node : nodes) {
            node.close();
        }
    }
}
