package dev.singletable.autoconfigure.definitions;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.singletable.core.mapping.MappingDefaults;
import dev.singletable.core.mapping.SingleTableMappingContext;

/**
 * Internal: the mapping context the early definitions check built and initialised from the entity types it found in
 * the packages of the main application class, registered when the application context is prepared so that the
 * auto-configured mapping context of a JVM application is that one rather than a second scan and mapping of the same
 * types. The auto-configuration takes it only when it would scan exactly those packages with the same defaults. Not
 * meant to be used by applications.
 */
public final class EarlyMappingContext {

	/** The name of the bean the early definitions check registers. */
	public static final String BEAN_NAME = "singleTableEarlyMappingContext";

	private final Set<String> packages;

	private final MappingDefaults defaults;

	private final SingleTableMappingContext mappingContext;

	EarlyMappingContext(Set<String> packages, MappingDefaults defaults, SingleTableMappingContext mappingContext) {
		Assert.notEmpty(packages, "Packages must not be empty");
		this.packages = Set.copyOf(packages);
		this.defaults = defaults;
		this.mappingContext = mappingContext;
	}

	/**
	 * The early check's mapping context, when it is the one the auto-configuration would build.
	 * @param scannedPackages the packages the auto-configuration would scan for entity types
	 * @param defaults the mapping defaults the auto-configuration would use
	 * @return the initialised mapping context, or {@literal null} when it maps other packages or defaults
	 */
	public @Nullable SingleTableMappingContext reusableFor(List<String> scannedPackages, MappingDefaults defaults) {
		return (this.packages.equals(Set.copyOf(scannedPackages)) && this.defaults.equals(defaults))
				? this.mappingContext : null;
	}

}
