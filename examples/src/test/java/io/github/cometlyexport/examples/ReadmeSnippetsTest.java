package io.github.cometlyexport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README shows the host's wiring as it is compiled and tested: the code between {@code tag::wiring[]} and
 * {@code end::wiring[]} in {@link HostWiring} must stand in a {@code java} block of README.md, line for line (common
 * indentation stripped). A change to either alone fails here with a diff.
 */
class ReadmeSnippetsTest {
    private static final Path MODULE = Path.of(System.getProperty("user.dir"));
    private static final Path README = MODULE.getParent().resolve("README.md");
    private static final Path WIRING = MODULE.resolve("src/main/java/io/github/cometlyexport/examples/HostWiring.java");

    @Test
    void givenTheWiringTag_whenTheReadmeIsRead_thenOneOfItsJavaBlocksIsExactlyThatCode() throws IOException {
        List<String> snippet = tagged(Files.readAllLines(WIRING), "wiring");
        assertThat(snippet).as("the wiring between the tags").isNotEmpty();
        assertThat(snippet.size()).as("the wiring stays short").isLessThanOrEqualTo(10);
        assertThat(String.join("\n", snippet)).contains(".store(store)", ".meterRegistry(registry)", ".build()");

        List<List<String>> blocks = javaBlocks(Files.readAllLines(README));
        assertThat(blocks).as("java blocks in README.md").isNotEmpty();
        if (blocks.stream().noneMatch(snippet::equals)) {
            List<String> nearest = blocks.stream().max(Comparator.comparingInt(b -> common(b, snippet))).orElseThrow();
            throw new AssertionError("README.md has no ```java block equal to HostWiring's tag::wiring[] region. "
                    + "Nearest block, as a diff (- README, + HostWiring):\n" + diff(nearest, snippet));
        }
    }

    @Test
    void givenEveryJavaBlockOfTheReadme_whenTheExamplesAreRead_thenEachIsATaggedRegionThatCompiles() throws IOException {
        List<List<String>> regions = new ArrayList<>();
        try (var files = Files.walk(MODULE.resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> source = Files.readAllLines(file);
                for (String line : source) {
                    String strip = line.strip();
                    if (strip.startsWith("// tag::") && strip.endsWith("[]")) {
                        regions.add(tagged(source, strip.substring("// tag::".length(), strip.length() - 2)));
                    }
                }
            }
        }
        assertThat(regions).as("tagged regions in the examples").hasSizeGreaterThanOrEqualTo(3);
        List<List<String>> blocks = javaBlocks(Files.readAllLines(README));
        for (List<String> block : blocks) {
            if (!regions.contains(block)) {
                List<String> nearest = regions.stream().max(Comparator.comparingInt(r -> common(r, block)))
                        .orElseThrow();
                throw new AssertionError("a ```java block of README.md is no tagged region of the examples (so it "
                        + "may not compile). Nearest region, as a diff (- README, + examples):\n"
                        + diff(block, nearest));
            }
        }
    }

    /** @return the lines between {@code // tag::name[]} and {@code // end::name[]}, indentation normalised */
    static List<String> tagged(List<String> source, String name) {
        int start = -1;
        int end = -1;
        for (int i = 0; i < source.size(); i++) {
            String line = source.get(i).strip();
            if (line.equals("// tag::" + name + "[]")) {
                start = i;
            } else if (line.equals("// end::" + name + "[]")) {
                end = i;
            }
        }
        assertThat(start).as("// tag::" + name + "[] found").isNotNegative();
        assertThat(end).as("// end::" + name + "[] after it").isGreaterThan(start);
        return normalise(source.subList(start + 1, end));
    }

    /** @return each ```java fenced block of a Markdown file, indentation normalised */
    static List<List<String>> javaBlocks(List<String> markdown) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : markdown) {
            if (current == null && line.strip().equals("```java")) {
                current = new ArrayList<>();
            } else if (current != null && line.strip().equals("```")) {
                blocks.add(normalise(current));
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return blocks;
    }

    /** Trailing spaces and leading and trailing blank lines dropped, the common indentation stripped. */
    static List<String> normalise(List<String> lines) {
        List<String> out = new ArrayList<>(lines.stream().map(String::stripTrailing).toList());
        while (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        int indent = out.stream().filter(l -> !l.isEmpty()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return out.stream().map(l -> l.isEmpty() ? l : l.substring(indent)).toList();
    }

    /** @return the length of the longest common subsequence of lines */
    private static int common(List<String> a, List<String> b) {
        return lcs(a, b)[0][0];
    }

    private static int[][] lcs(List<String> a, List<String> b) {
        int[][] t = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                t[i][j] = a.get(i).equals(b.get(j)) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
            }
        }
        return t;
    }

    /** @return a line diff: {@code -} only in {@code a}, {@code +} only in {@code b}, two spaces in both */
    static String diff(List<String> a, List<String> b) {
        int[][] t = lcs(a, b);
        StringBuilder out = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.append("  ").append(a.get(i++)).append('\n');
                j++;
            } else if (i < a.size() && (j == b.size() || t[i + 1][j] >= t[i][j + 1])) {
                out.append("- ").append(a.get(i++)).append('\n');
            } else {
                out.append("+ ").append(b.get(j++)).append('\n');
            }
        }
        return out.toString();
    }

    @Test
    void givenTwoBlocksThatDiffer_whenDiffed_thenEachChangedLineIsMarked() {
        assertThat(diff(List.of("a", "b", "c"), List.of("a", "x", "c"))).isEqualTo("  a\n- b\n+ x\n  c\n");
        assertThat(normalise(List.of("", "    x", "      y", "  "))).containsExactly("x", "  y");
    }
}
