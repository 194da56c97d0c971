package org.pacscluster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a run was measured on, and how busy it was: numbers mean little without it. */
public record MachineInfo(String cpuModel, int cores, long memoryBytes, String java, String os, double[] loadBefore,
                          double[] loadAfter, JsonNode pythonVersions) {
    /** This machine now, with the load measured before the run and the Python stack's versions. */
    public static MachineInfo current(double[] loadBefore, JsonNode pythonVersions) {
        return new MachineInfo(readCpuModel(), Runtime.getRuntime().availableProcessors(), readMemoryBytes(),
                readJavaVersion(), readOs(), loadBefore, loadAverage(), pythonVersions);
    }

    static String readCpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) return l.substring(l.indexOf(':') + 1).trim();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    static long readMemoryBytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    /** The 1, 5 and 15 minute load averages (empty when unknown). */
    public static double[] loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (IOException | RuntimeException e) {
            return new double[0];
        }
    }

    static String readJavaVersion() {
        return System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
    }

    static String readOs() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }

    static String formatLoad(double[] l) {
        if (l.length == 0) return "unknown";
        return String.format("%.2f, %.2f, %.2f", l[0], l[1], l[2]);
    }

    /** One line per fact, for the table's header. */
    public List<String> describe() {
        return List.of(
                "CPU: " + cpuModel + ", " + cores + " cores; RAM " + String.format("%.1f GiB", memoryBytes / (double) (1L << 30)),
                "Java " + java + "; " + os,
                "Python stack: " + (pythonVersions == null ? "unknown" : pythonVersions.toString()),
                "malloc: ours GLIBC_TUNABLES=" + System.getenv().getOrDefault("GLIBC_TUNABLES", "(unset)") + "; theirs "
                        + (PythonReference.stockMalloc() ? "glibc's defaults" : "the same"),
                "load average (1, 5, 15 min) before: " + formatLoad(loadBefore) + "; after: " + formatLoad(loadAfter));
    }
}
