package dev.singletable.autoconfigure.properties;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Checks, before any bean is created, that every property set under {@code singletable.} is one the application's
 * singletable version knows, as the configuration metadata on the classpath lists them. A name within
 * {@value #TYPO_DISTANCE} edits of a known one is a typo, such as {@code singletable.versioning.max-version}: startup
 * fails with an {@link UnknownSingleTablePropertyException} naming the property to use. Any other unknown name is
 * logged as a warning and ignored, so that configuration shared with a newer version, which knows more properties,
 * still starts.
 */
public class SingleTablePropertyNamesCheck implements BeanFactoryPostProcessor, EnvironmentAware {

	private static final Log logger = LogFactory.getLog(SingleTablePropertyNamesCheck.class);

	/** The prefix of the checked properties. */
	static final String PREFIX = "singletable";

	/** Most edits between a set and a known name that make the set one a typo. */
	static final int TYPO_DISTANCE = 2;

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (this.environment == null) {
			return;
		}
		ClassLoader loader = (beanFactory.getBeanClassLoader() != null) ? beanFactory.getBeanClassLoader()
				: SingleTablePropertyNamesCheck.class.getClassLoader();
		// This module's own metadata names every property it binds. Reading every metadata file of the classpath
		// (hundreds of KB in Boot's own jars) costs a cold start hundreds of ms, so it happens only for a name
		// the own metadata does not know: a typo, or a property another jar contributes. When every name set is
		// one of the own, the check would find nothing to report: it is not run.
		Set<String> own = ownNames(loader);
		if (own.isEmpty() || !allKnown(setNames(this.environment), own)) {
			check(this.environment, knownNames(loader));
		}
	}

	/**
	 * Returns the {@code singletable.*} names set in the environment, normalized.
	 */
	private static Set<String> setNames(Environment environment) {
		ConfigurationPropertyName prefix = ConfigurationPropertyName.of(PREFIX);
		Set<String> names = new LinkedHashSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				for (ConfigurationPropertyName name : iterable) {
					if (prefix.isAncestorOf(name)) {
						names.add(normalize(name.toString()));
					}
				}
			}
		}
		return names;
	}

	/**
	 * Whether every normalized name set is a known name or a group of known names.
	 */
	private static boolean allKnown(Set<String> setNames, Set<String> knownNames) {
		Set<String> known = new HashSet<>();
		for (String name : knownNames) {
			String normalized = normalize(name);
			known.add(normalized);
			for (int dot = normalized.indexOf('.'); dot > 0; dot = normalized.indexOf('.', dot + 1)) {
				known.add(normalized.substring(0, dot));
			}
		}
		return known.containsAll(setNames);
	}

	/**
	 * Returns the {@code singletable.*} names of this module's own configuration metadata, read from where this
	 * class was loaded (a folder, a jar or a jar nested in an application archive).
	 * @param classLoader the class loader that loaded this class
	 * @return the names, or an empty set when the metadata cannot be read
	 */
	static Set<String> ownNames(ClassLoader classLoader) {
		String classFile = SingleTablePropertyNamesCheck.class.getName().replace('.', '/') + ".class";
		URL self = classLoader.getResource(classFile);
		if (self == null || !self.toString().endsWith(classFile)) {
			return Set.of();
		}
		String base = self.toString().substring(0, self.toString().length() - classFile.length());
		try (InputStream in = java.net.URI.create(base + METADATA).toURL().openStream()) {
			return names(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException | IllegalArgumentException ex) {
			logger.debug("Could not read the own configuration metadata: " + ex.getMessage());
			return Set.of();
		}
	}

	/**
	 * Checks the {@code singletable.*} properties of the environment.
	 * @param environment the environment
	 * @param knownNames the known property names, in their canonical (dashed) form
	 * @throws UnknownSingleTablePropertyException when a set property is a typo of a known one
	 */
	static void check(Environment environment, Set<String> knownNames) {
		if (knownNames.isEmpty()) {
			logger.debug("No singletable configuration metadata found; property names are not checked");
			return;
		}
		Map<String, String> known = new LinkedHashMap<>();
		knownNames.forEach((name) -> known.put(normalize(name), name));
		ConfigurationPropertyName prefix = ConfigurationPropertyName.of(PREFIX);
		List<UnknownSingleTablePropertyException.Unknown> typos = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			iterable.filter(prefix::isAncestorOf).stream().forEach((name) -> {
				String normalized = normalize(name.toString());
				if (known.containsKey(normalized) || isGroup(normalized, known.keySet()) || !seen.add(normalized)) {
					return;
				}
				ConfigurationProperty property = iterable.getConfigurationProperty(name);
				Origin origin = (property != null) ? property.getOrigin() : null;
				String nearest = nearest(normalized, known);
				int distance = (nearest != null) ? distance(normalized, normalize(nearest)) : Integer.MAX_VALUE;
				if (distance <= TYPO_DISTANCE) {
					typos.add(new UnknownSingleTablePropertyException.Unknown(name.toString(),
							(origin != null) ? origin.toString() : null, nearest));
				}
				else {
					String close = close(normalized, known);
					logger.warn("Ignoring unknown property '" + name + "'" + ((origin != null) ? " (" + origin + ")" : "")
							+ ": singletable has no such property" + ((close != null) ? "; did you mean '" + close + "'?"
									: " (is it one of a newer version? docs/reference/configuration.md and your IDE's "
											+ "completion list every singletable property)"));
				}
			});
		}
		if (!typos.isEmpty()) {
			throw new UnknownSingleTablePropertyException(typos);
		}
	}

	/**
	 * Returns the {@code singletable.*} property names of every configuration metadata file on the classpath.
	 * @param classLoader the class loader to read them with
	 * @return the names, in their canonical (dashed) form
	 */
	static Set<String> knownNames(@Nullable ClassLoader classLoader) {
		Set<String> names = new LinkedHashSet<>();
		ClassLoader loader = (classLoader != null) ? classLoader : SingleTablePropertyNamesCheck.class.getClassLoader();
		try {
			Enumeration<URL> resources = loader.getResources(METADATA);
			for (URL resource : Collections.list(resources)) {
				try (InputStream in = resource.openStream()) {
					names.addAll(names(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
				}
			}
		}
		catch (IOException ex) {
			logger.debug("Could not read the configuration metadata: " + ex.getMessage());
			return Set.of();
		}
		return names;
	}

	/**
	 * The {@code singletable.*} names of one metadata file: its properties, groups and hints. Group names are
	 * prefixes of property names, which the check accepts anyway. The file is generated by Boot's configuration
	 * processor, so each {@code "name": "singletable..."} member is found by searching the text, without a JSON
	 * parser, whose first use (building a Jackson mapper) would cost a cold start more than the whole check, and
	 * without a regular expression, which costs an interpreted start about 3 ms on this module's 35 KB file.
	 */
	static Set<String> names(String json) {
		Set<String> names = new LinkedHashSet<>();
		String member = "\"name\"";
		for (int at = json.indexOf(member); at >= 0; at = json.indexOf(member, at + 1)) {
			int i = skipWhitespace(json, at + member.length());
			if (i >= json.length() || json.charAt(i) != ':') {
				continue;
			}
			i = skipWhitespace(json, i + 1);
			if (i >= json.length() || json.charAt(i) != '"' || !json.startsWith(PREFIX + ".", i + 1)) {
				continue;
			}
			int start = i + 1;
			int end = start + PREFIX.length() + 1;
			while (end < json.length() && json.charAt(end) != '"' && json.charAt(end) != '\\') {
				end++;
			}
			if (end < json.length() && json.charAt(end) == '"' && end > start + PREFIX.length() + 1) {
				names.add(json.substring(start, end));
			}
		}
		return names;
	}

	private static int skipWhitespace(String text, int from) {
		int i = from;
		while (i < text.length() && isWhitespace(text.charAt(i))) {
			i++;
		}
		return i;
	}

	/** The white space of a regular expression's {@code \\s}: JSON's and the vertical tab and form feed. */
	private static boolean isWhitespace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
	}

	private static boolean isGroup(String normalized, Set<String> known) {
		return known.stream().anyMatch((name) -> name.startsWith(normalized + "."));
	}

	private static @Nullable String nearest(String normalized, Map<String, String> known) {
		String nearest = null;
		int best = Integer.MAX_VALUE;
		for (Map.Entry<String, String> entry : known.entrySet()) {
			int distance = distance(normalized, entry.getKey());
			if (distance < best) {
				best = distance;
				nearest = entry.getValue();
			}
		}
		return nearest;
	}

	/**
	 * Returns the known name an unknown one is close to, to suggest, or {@literal null} when none is: the names
	 * compared without the common {@code singletable.} prefix, close when a quarter of the unknown name's letters
	 * (at least {@value #TYPO_DISTANCE}) edit it into the known one, or when both end in the same segment and every
	 * other segment of the unknown name is one of the known name's (a property set under the wrong group, such as
	 * {@code singletable.max-versions} for {@code singletable.versioning.max-versions}).
	 * @param normalized the unknown name, normalized
	 * @param known the known names by their normalized form
	 * @return the known name to suggest, or {@literal null}
	 */
	static @Nullable String close(String normalized, Map<String, String> known) {
		String unknown = withoutPrefix(normalized);
		List<String> segments = List.of(unknown.split("\\."));
		String closest = null;
		int best = Integer.MAX_VALUE;
		for (Map.Entry<String, String> entry : known.entrySet()) {
			String candidate = withoutPrefix(entry.getKey());
			int distance = distance(unknown, candidate);
			List<String> candidateSegments = List.of(candidate.split("\\."));
			boolean regrouped = segments.get(segments.size() - 1)
				.equals(candidateSegments.get(candidateSegments.size() - 1))
					&& candidateSegments.containsAll(segments);
			if ((distance <= Math.max(TYPO_DISTANCE, unknown.length() / 4) || regrouped) && distance < best) {
				best = distance;
				closest = entry.getValue();
			}
		}
		return closest;
	}

	private static String withoutPrefix(String normalized) {
		return normalized.startsWith(PREFIX + ".") ? normalized.substring(PREFIX.length() + 1) : normalized;
	}

	/**
	 * The form in which names match whatever the source: lower case, without dashes, so that
	 * {@code singletable.tableName}, {@code singletable.table-name} and {@code SINGLETABLE_TABLENAME} are one.
	 */
	private static String normalize(String name) {
		return name.toLowerCase(Locale.ROOT).replace("-", "");
	}

	/**
	 * The Levenshtein distance: how many insertions, deletions and substitutions turn one name into the other.
	 */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
