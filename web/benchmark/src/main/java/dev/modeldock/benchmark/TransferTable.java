package dev.modeldock.benchmark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The large artifact's transfers on each store, side by side: seconds, MiB/s and how many times
 * {@code cp}'s time each took. An upload is measured against {@code cp} with fsync, since the server
 * makes its bytes durable before it answers 201; a download against plain {@code cp}, since neither
 * forces the file it writes.
 */
final class TransferTable {
    private static final double MIB = 1 << 20;

    /** One store's figures; the RSS is the server's peak after the transfers, where /proc tells it. */
    record Row(StoreKind store, Transfers transfers, OptionalLong peakResidentBytes) {
    }

    private final long bytes;
    private final double cpSeconds;
    private final double cpFsyncSeconds;
    private final List<Row> rows = new ArrayList<>();

    TransferTable(long bytes, double cpSeconds, double cpFsyncSeconds) {
        this.bytes = bytes;
        this.cpSeconds = cpSeconds;
        this.cpFsyncSeconds = cpFsyncSeconds;
    }

    void add(Row row) {
        rows.add(row);
    }

    void print(PrintWriter out) {
        out.printf("%n%-9s %-32s %-32s %-32s %s%n", "store", "upload, new bytes (x cp+fsync)",
                "upload, same bytes (x cp+fsync)", "download to a file (x cp)", "server peak RSS");
        for (Row row : rows) {
            Transfers t = row.transfers();
            out.printf("%-9s %-32s %-32s %-32s %s%n", row.store().label(), cell(t.uploadSeconds(), cpFsyncSeconds),
                    cell(t.reuploadSeconds(), cpFsyncSeconds), cell(t.downloadSeconds(), cpSeconds),
                    row.peakResidentBytes().isPresent()
                            ? String.format("%.0f MiB", row.peakResidentBytes().getAsLong() / MIB) : "n/a");
        }
        out.flush();
    }

    private String cell(double seconds, double floorSeconds) {
        return String.format("%.2f s, %.0f MiB/s, %.1fx", seconds, bytes / MIB / seconds, seconds / floorSeconds);
    }
}
