package org.vae4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process, read from /proc (Linux); NaN elsewhere. */
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

    private static double statusField(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
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
