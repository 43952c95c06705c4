package dev.modeldock.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One running server over the registry's database, as its row says: what it does and when it last
 * said it is alive.
 *
 * @param id          unique per process start: the host, the process id and a random suffix, so a
 *                    person reading "server X stopped" knows which machine it was
 * @param runsJobs    whether it claims jobs ({@code serve --no-workers} does not)
 * @param servesHttp  whether it answers HTTP ({@code serve --workers-only} does not)
 * @param heartbeatAt when it last renewed its row; a row older than the job lease is a server that stopped
 */
public record ServerNode(String id, String host, long pid, boolean runsJobs, boolean servesHttp, Instant startedAt,
        Instant heartbeatAt) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh id for this process: {@code host-pid-xxxx}, at most 64 characters. */
    public static String newId() {
        String host = hostName().replaceAll("[^A-Za-z0-9.-]", "_");
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        String tail = "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(suffix);
        return host.substring(0, Math.min(host.length(), 64 - tail.length())) + tail;
    }

    /** This machine's name, or "localhost" when it has none that resolves. */
    public static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
