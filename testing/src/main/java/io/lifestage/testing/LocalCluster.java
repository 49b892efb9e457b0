package io.lifestage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for this JVM: {@code initdb} in a temporary directory, listening on 127.0.0.1 on a free
 * port with trust authentication, stopped and deleted by a shutdown hook. PostgreSQL refuses to run as root, so as
 * root every command runs as the {@code postgres} user, who owns the directory.
 */
final class LocalCluster {

    static final Path BINARIES = Path.of("/usr/lib/postgresql/15/bin");
    private static final String SUPERUSER = "postgres";
    private static final String INSTALL_HINT = "install PostgreSQL 15 (Debian/Ubuntu: apt-get install postgresql-15;"
            + " CI: .ci/postgres) or set " + PostgresServer.URL_VARIABLE + " to the JDBC URL of a server with a"
            + " superuser, e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private static String url;

    private LocalCluster() {
    }

    /** The JDBC URL of the superuser's database on the cluster, starting the cluster on first use. */
    static synchronized String url() {
        if (url == null) {
            url = start();
        }
        return url;
    }

    private static String start() {
        if (!Files.isExecutable(BINARIES.resolve("initdb"))) {
            throw new IllegalStateException("No PostgreSQL server for the tests: " + BINARIES.resolve("initdb")
                    + " not found; " + INSTALL_HINT);
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path directory = Files.createTempDirectory("lifestage-postgres-");
            if (root) {
                Files.setOwner(directory, postgresUser());
            }
            Path data = directory.resolve("data");
            Path log = directory.resolve("server.log");
            int port = freePort();
            run(root, log, "initdb", "-D", data.toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                    "--no-locale", "--no-sync");
            run(root, log, "pg_ctl", "-D", data.toString(), "-l", log.toString(), "-w", "-o",
                    "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + directory
                            + " -c fsync=off -c full_page_writes=off -c synchronous_commit=off", "start");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(root, data, directory), "postgres-stop"));
            return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + SUPERUSER;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a private PostgreSQL cluster: " + e.getMessage()
                    + "; " + INSTALL_HINT, e);
        }
    }

    private static UserPrincipal postgresUser() throws IOException {
        try {
            return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SUPERUSER);
        } catch (IOException e) {
            throw new IOException("running as root, and there is no '" + SUPERUSER + "' user to run PostgreSQL as", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void run(boolean root, Path log, String program, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        command.add(BINARIES.resolve(program).toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                String serverLog = Files.isReadable(log) ? Files.readString(log) : "";
                throw new IOException(String.join(" ", command) + " failed:\n" + output + serverLog);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + program, e);
        }
    }

    private static void stop(boolean root, Path data, Path directory) {
        try {
            run(root, directory.resolve("server.log"), "pg_ctl", "-D", data.toString(), "-m", "immediate", "-w",
                    "stop");
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (IOException e) {
            System.err.println("Could not stop the test PostgreSQL cluster in " + directory + ": " + e.getMessage());
        }
    }
}
