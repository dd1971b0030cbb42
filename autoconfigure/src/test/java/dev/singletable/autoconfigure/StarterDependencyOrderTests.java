package dev.singletable.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the order of the starter's dependencies, which is the order of an application's class path (Maven lists each
 * dependency followed by its own): the JVM looks every class up in the class path's jars in that order, so a jar
 * whose classes the start loads by the hundred (Spring Boot's) should not come after the AWS SDK's 28 jars, where
 * Spring Boot's starter alone would have put it (it reaches {@code spring-boot} one level further than
 * {@code spring-boot-data-commons} does). singletable's jars stay before Spring Boot's, so that the
 * {@code META-INF/spring.factories} entries they share (failure analyzers, run listeners, environment post-processors)
 * are read in the same order as before.
 */
class StarterDependencyOrderTests {

	@Test
	void springBootComesBeforeTheSdkAndTheLoggingJarsAndAfterSingleTablesOwn() throws Exception {
		List<String> dependencies = starterDependencies();
		int springBoot = dependencies.indexOf("spring-boot");
		assertThat(springBoot).as("spring-boot declared by the starter itself").isNotNegative();
		assertThat(dependencies.indexOf("singletable-core")).isLessThan(springBoot);
		assertThat(dependencies.indexOf("singletable-spring-boot-autoconfigure")).isLessThan(springBoot)
			.isGreaterThan(dependencies.indexOf("singletable-core"));
		for (String later : List.of("spring-boot-starter", "dynamodb", "url-connection-client",
				"spring-boot-data-commons", "spring-boot-transaction")) {
			assertThat(dependencies.indexOf(later)).as(later).isGreaterThan(springBoot);
		}
	}

	private static List<String> starterDependencies() throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		Document pom = factory.newDocumentBuilder().parse(Path.of("..", "starter", "pom.xml").toFile());
		List<String> artifacts = new ArrayList<>();
		NodeList children = pom.getDocumentElement().getChildNodes();
		for (int i = 0; i < children.getLength(); i++) {
			Node child = children.item(i);
			if (child instanceof Element element && element.getTagName().equals("dependencies")) {
				NodeList dependencies = element.getElementsByTagName("dependency");
				for (int j = 0; j < dependencies.getLength(); j++) {
					Element dependency = (Element) dependencies.item(j);
					// the dependency's own artifactId, not an exclusion's
					artifacts.add(directChild(dependency, "artifactId"));
				}
			}
		}
		return artifacts;
	}

	private static String directChild(Element element, String name) {
		NodeList children = element.getChildNodes();
		for (int i = 0; i < children.getLength(); i++) {
			if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
				return child.getTextContent().trim();
			}
		}
		return "";
	}

}
