package org.vae4j.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process and memory available on the machine, read from /proc (Linux); NaN elsewhere. */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Current resident set size (VmRSS) in MiB. */
    public static double residentMiB() {
        return statusField("VmRSS:");
    }

    /** Peak resident set size (VmHWM) in MiB. */
    public static double peakResidentMiB() {
        return statusField("VmHWM:");
    }

    /** Memory the machine can still give without swapping (MemAvailable) in MiB, NaN where unknown. */
    public static double availableMiB() {
        return field(Path.of("/proc/meminfo"), "MemAvailable:");
    }

    /**
     * Refuses work that needs more memory than the machine has available, before any of it is allocated.
     *
     * @param bytes what the work needs
     * @param what what needs it, e.g. "a model of 1,234 parameters (its parameters, gradients and Adam's
     *     moments)"
     * @throws IllegalArgumentException saying how much it needs and how much there is
     */
    public static void require(double bytes, String what) {
        double available = availableMiB() * MIB;
        if (bytes > available) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s needs %s of memory; this machine has %s available", what, size(bytes), size(available)));
        }
    }

    private static final double MIB = 1024.0 * 1024.0;

    /** "1.5 GiB", "230 MiB". */
    static String size(double bytes) {
        return bytes >= 1024 * MIB ? String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (1024 * MIB))
                : String.format(java.util.Locale.ROOT, "%.0f MiB", bytes / MIB);
    }

    private static double statusField(String field) {
        return field(Path.of("/proc/self/status"), field);
    }

    private static double field(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field)) {
                    String kib = line.substring(field.length()).trim().split("\\s+")[0];
                    return Long.parseLong(kib) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
