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
                        dbTicks += ticks(Long.parseLong(p.getFileName().toString()));
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
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
