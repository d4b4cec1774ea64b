package io.github.cometlyexport.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A flame graph's summary from a JFR recording, as Markdown: for each thread with samples, the share of samples,
 * then the methods where the time is spent (self: the top frame) and the methods it is spent under (total: anywhere
 * on the stack). Usage: {@code JfrSummary <recording.jfr> [rows=8]}. Counts {@code jdk.ExecutionSample} (Java code
 * on a CPU) and {@code jdk.NativeMethodSample} (a thread in native code: inflating, hashing, or waiting in a socket
 * read, which is not CPU), recorded at the same period by {@code bench/cpu.jfc}; native top frames are marked.
 * Samples of threads that wait in native code for I/O ({@code Net.poll}, {@code EPoll.wait}) are left out: they are
 * idle, not work.
 */
public final class JfrSummary {
    private static final Set<String> IDLE = Set.of("Net.poll", "EPoll.wait", "EPoll.epollWait");

    private JfrSummary() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Map<String, Map<String, Integer>> self = new HashMap<>();
        Map<String, Map<String, Integer>> total = new HashMap<>();
        Map<String, Integer> perThread = new HashMap<>();
        int all = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = e.getEventType().getName();
            boolean nativeSample = type.equals("jdk.NativeMethodSample");
            if (!type.equals("jdk.ExecutionSample") && !nativeSample || e.getStackTrace() == null) {
                continue;
            }
            String thread = threadGroup(e.getThread("sampledThread").getJavaName());
            RecordedStackTrace stack = e.getStackTrace();
            List<RecordedFrame> frames = stack.getFrames();
            if (frames.isEmpty() || nativeSample && IDLE.contains(name(frames.get(0)))) {
                continue;
            }
            all++;
            perThread.merge(thread, 1, Integer::sum);
            self.computeIfAbsent(thread, t -> new HashMap<>()).merge(name(frames.get(0))
                    + (nativeSample ? " (native)" : ""), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                if (seen.add(name(f))) {
                    total.computeIfAbsent(thread, t -> new HashMap<>()).merge(name(f), 1, Integer::sum);
                }
            }
        }
        int samples = all;
        System.out.printf(Locale.ROOT, "%d samples%n%n", samples);
        perThread.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(t -> {
                    System.out.printf(Locale.ROOT, "thread `%s`: %.0f%% of samples%n%n", t.getKey(),
                            100.0 * t.getValue() / samples);
                    System.out.println("| self | % | total (on the stack) | % |");
                    System.out.println("|---|---|---|---|");
                    List<Map.Entry<String, Integer>> s = top(self.get(t.getKey()), rows);
                    List<Map.Entry<String, Integer>> o = top(total.get(t.getKey()), rows + 6).stream()
                            .filter(x -> !x.getKey().startsWith("java.lang.Thread.run")).limit(rows).toList();
                    for (int i = 0; i < Math.max(s.size(), o.size()); i++) {
                        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n",
                                i < s.size() ? "`" + s.get(i).getKey() + "`" : "",
                                i < s.size() ? pct(s.get(i).getValue(), samples) : "",
                                i < o.size() ? "`" + o.get(i).getKey() + "`" : "",
                                i < o.size() ? pct(o.get(i).getValue(), samples) : "");
                    }
                    System.out.println();
                });
    }

    /** Numbered worker threads count as one. */
    private static String threadGroup(String name) {
        return name == null ? "?" : name.replaceAll("-\\d+$", "-N");
    }

    private static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .toList();
    }

    private static String pct(int n, int of) {
        return String.format(Locale.ROOT, "%.1f", 100.0 * n / of);
    }

    private static String name(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }
}
