package io.parkcredit.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time so far of the processes a load run shares the machine with, read from /proc. */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** Server ticks, PostgreSQL ticks (all postgres processes), this JVM's ns, machine busy ticks. */
    static long[] snapshot(long serverPid) throws IOException {
        long serverTicks = ticks(serverPid);
        long dbTicks = 0;
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path p : dirs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (Files.readString(p.resolve("comm")).trim().startsWith("postgres")) {
                        // with the ticks of its ended children: a backend that ended between two snapshots moves its
                        // ticks into the postmaster's, so the sum never falls
                        dbTicks += ticksWithEndedChildren(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // a process that ended meanwhile
                }
            }
        }
        long gen = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        String[] all = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long machine = Long.parseLong(all[1]) + Long.parseLong(all[2]) + Long.parseLong(all[3])
                + Long.parseLong(all[6]) + Long.parseLong(all[7]);
        return new long[] {serverTicks, dbTicks, gen, machine};
    }

    private static long ticks(long pid) throws IOException {
        return ticks(pid, false);
    }

    private static long ticksWithEndedChildren(long pid) throws IOException {
        return ticks(pid, true);
    }

    /** utime + stime of {@code pid}, and with {@code children} the cutime + cstime of its reaped children. */
    private static long ticks(long pid, boolean children) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return children ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
    }
}
