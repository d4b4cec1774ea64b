package io.github.cometlyexport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM lists every published module of the root pom at the project's version, and the AWS SDK at the root's
 * version: a module added to the build without a line in {@code bom/pom.xml} fails here.
 */
class BomTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final String GROUP = "io.github.cometlyexport";

    @Test
    void givenTheRootModules_whenTheBomIsRead_thenEveryPublishedOneIsThereAtTheProjectVersion() throws Exception {
        Document root = read(ROOT.resolve("pom.xml"));
        String version = text(root.getDocumentElement(), "version");
        Document bom = read(ROOT.resolve("bom/pom.xml"));
        Element bomProject = bom.getDocumentElement();

        assertThat(child(bomProject, "parent")).as("a BOM has no parent").isNull();
        assertThat(text(bomProject, "groupId")).isEqualTo(GROUP);
        assertThat(text(bomProject, "artifactId")).isEqualTo("cometly-export-bom");
        assertThat(text(bomProject, "packaging")).isEqualTo("pom");
        assertThat(text(bomProject, "version")).as("the BOM's version").isEqualTo(version);

        Map<String, String> managed = managed(bomProject);
        List<String> published = published(root);
        assertThat(published).as("published modules found in the root pom")
                .contains("cometly-export-domain", "cometly-export-app", "cometly-export-cli")
                .doesNotContain("cometly-export-test-fixtures", "cometly-export-examples", "cometly-export-bom");
        for (String artifact : published) {
            assertThat(managed).as("bom/pom.xml lists " + artifact).containsKey(GROUP + ":" + artifact);
            assertThat(managed.get(GROUP + ":" + artifact)).as(artifact + "'s version in the BOM")
                    .isEqualTo(version);
        }
        assertThat(managed.keySet().stream().filter(k -> k.startsWith(GROUP + ":")))
                .as("the BOM lists only published modules").containsExactlyInAnyOrderElementsOf(
                        published.stream().map(a -> GROUP + ":" + a).toList());

        String aws = property(child(root.getDocumentElement(), "properties"), "awssdk.version");
        assertThat(managed).containsEntry("software.amazon.awssdk:s3", aws)
                .containsEntry("software.amazon.awssdk:apache5-client", aws);
        Element rootProperties = child(root.getDocumentElement(), "properties");
        String client = property(rootProperties, "httpclient5.version");
        String core = property(rootProperties, "httpcore5.version");
        assertThat(managed).as("HttpClient 5 at the versions the build tests")
                .containsEntry("org.apache.httpcomponents.client5:httpclient5", client)
                .containsEntry("org.apache.httpcomponents.core5:httpcore5", core)
                .containsEntry("org.apache.httpcomponents.core5:httpcore5-h2", core);
    }

    /** @return the artifactIds of the root's modules that are published: jars that ship sources */
    private static List<String> published(Document root) throws Exception {
        List<String> out = new ArrayList<>();
        for (Element module : children(child(root.getDocumentElement(), "modules"), "module")) {
            Element pom = read(ROOT.resolve(module.getTextContent().strip()).resolve("pom.xml")).getDocumentElement();
            String packaging = text(pom, "packaging");
            Element properties = child(pom, "properties");
            boolean skipsSources = properties != null && "true".equals(property(properties, "maven.source.skip"));
            if ((packaging == null || packaging.equals("jar")) && !skipsSources) {
                out.add(text(pom, "artifactId"));
            }
        }
        return out;
    }

    /** @return groupId:artifactId to version, properties of the BOM resolved */
    private static Map<String, String> managed(Element bom) {
        Element properties = child(bom, "properties");
        Map<String, String> out = new LinkedHashMap<>();
        for (Element dep : children(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
            out.put(text(dep, "groupId") + ":" + text(dep, "artifactId"), resolve(text(dep, "version"), bom,
                    properties));
        }
        return out;
    }

    private static String resolve(String value, Element project, Element properties) {
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String v = name.equals("project.version") ? text(project, "version") : property(properties, name);
            assertThat(v).as("${" + name + "} is defined in bom/pom.xml").isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Document read(Path pom) throws Exception {
        assertThat(pom).exists();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (var in = Files.newInputStream(pom)) {
            return f.newDocumentBuilder().parse(in);
        }
    }

    private static String property(Element properties, String name) {
        return properties == null ? null : text(properties, name);
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    /** @return the direct children of that name (never a profile's, which are deeper) */
    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }
}
