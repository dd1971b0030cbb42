package dev.singletable.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is public in {@code core} outside its internal packages is exactly the API that {@code docs/ARCHITECTURE.md}
 * lists under "Public API": a type made public without being listed (or listed and gone) fails here.
 */
class PublicApiTests {

	private static final Path ARCHITECTURE = Path.of("../docs/ARCHITECTURE.md");

	private static final Pattern LISTED = Pattern.compile("`(dev\\.singletable\\.[a-z0-9_.]+\\.[A-Z][A-Za-z0-9_]*)`");

	@Test
	void thePublicTypesAreTheListedApi() throws IOException {
		JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.singletable");
		Set<String> published = new TreeSet<>();
		for (JavaClass type : main) {
			if (type.isTopLevelClass() && type.getModifiers().contains(JavaModifier.PUBLIC)
					&& !type.getPackageName().contains(".internal") && !type.getSimpleName().equals("package-info")) {
				published.add(type.getName());
			}
		}
		Set<String> listed = listedApi();
		assertThat(published).as("public types of core").isNotEmpty();
		assertThat(published).as("public in core but not listed under 'Public API' in docs/ARCHITECTURE.md")
			.isSubsetOf(listed);
		assertThat(listed).as("listed under 'Public API' in docs/ARCHITECTURE.md but not public in core")
			.isSubsetOf(published);
	}

	/** The backticked type names of the "## Public API" section. */
	private static Set<String> listedApi() throws IOException {
		String document = Files.readString(ARCHITECTURE);
		int start = document.indexOf("\n## Public API");
		assertThat(start).as("a '## Public API' section in docs/ARCHITECTURE.md").isNotNegative();
		int end = document.indexOf("\n## ", start + 1);
		String section = document.substring(start, (end < 0) ? document.length() : end);
		Set<String> listed = new TreeSet<>();
		Matcher matcher = LISTED.matcher(section);
		while (matcher.find()) {
			listed.add(matcher.group(1));
		}
		return listed;
	}

}
