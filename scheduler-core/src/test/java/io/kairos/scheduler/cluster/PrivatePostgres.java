package io.kairos.scheduler.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of its own: {@code initdb} into a temporary directory (trust authentication, user
 * {@code postgres}), {@code pg_ctl start} on a free port with the socket in that directory, and
 * {@code pg_ctl stop -m immediate} as the crash. As root, the binaries run as the {@code postgres} user
 * ({@code runuser}), which then owns the directory.
 */
final class PrivatePostgres extends PrivateServer {

    private final Path bin;

    private final boolean asPostgresUser;

    private PrivatePostgres(Path bin) throws IOException, InterruptedException {
        super("pg");
        this.bin = bin;
        this.asPostgresUser = isRoot();
        if (this.asPostgresUser) {
            run(List.of("chown", "postgres", this.directory.toString()));
        }
        run(command("initdb", "-D", data(), "-A", "trust", "-U", "postgres", "--no-sync"));
    }

    /**
     * The newest PostgreSQL installation's binaries ({@code /usr/lib/postgresql/<version>/bin} with
     * {@code initdb} and {@code pg_ctl}).
     *
     * @return the directory, or empty when PostgreSQL is not installed that way
     */
    static Optional<Path> binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map((v) -> v.resolve("bin"))
                    .filter((b) -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing((b) -> versionOf(b.getParent())));
        }
    }

    private static int versionOf(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString().replaceAll("\\D.*", ""));
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }

    static PrivatePostgres create(Path bin) throws IOException, InterruptedException {
        return new PrivatePostgres(bin);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
    }

    @Override
    void start() throws IOException, InterruptedException {
        run(command("pg_ctl", "-D", data(), "-l", this.directory.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + this.port + " -k " + this.directory + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
    }

    @Override
    void crash() throws IOException, InterruptedException {
        if (Files.exists(Path.of(data(), "postmaster.pid"))) {
            run(command("pg_ctl", "-D", data(), "-m", "immediate", "-w", "stop"));
        }
    }

    @Override
    Map<String, String> storeOptions(String suffix) {
        return Map.of("store", "jdbc", "jdbc-url", jdbcUrl(), "table", "kairos_jobs_outage_" + suffix);
    }

    private String data() {
        return this.directory.resolve("data").toString();
    }

    private List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (this.asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(this.bin.resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }
}
